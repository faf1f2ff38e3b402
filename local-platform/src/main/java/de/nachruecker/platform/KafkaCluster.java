package de.nachruecker.platform;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Apache Kafka in KRaft mode as one node ({@link #single}, the local platform's default) or as a quorum of three
 * combined broker+controller nodes ({@link #ofNodes}): topics replicated three times, two in-sync replicas required,
 * no unclean leader election, so any one node may die at any moment without losing an acknowledged record.
 */
public final class KafkaCluster implements AutoCloseable {

    /** The broker (client) port and the controller port of one node. */
    public record NodePorts(int broker, int controller) {
    }

    /** The platform's volume is small for a broker; a larger cap only let its heap grow under load. */
    private static final List<String> SINGLE_NODE_JVM = List.of("-Xms96m", "-Xmx256m", "-XX:+UseSerialGC");
    /** Three nodes share the machine with the services: smaller heaps. */
    private static final List<String> CLUSTER_NODE_JVM = List.of("-Xms96m", "-Xmx384m", "-XX:+UseSerialGC");

    private final List<KafkaBroker> brokers = new ArrayList<>();
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, Uuid> directoryIds;

    private KafkaCluster(List<NodePorts> ports, Path dataDir, Path logDir) {
        boolean single = ports.size() == 1;
        this.directoryIds = IntStream.rangeClosed(1, ports.size()).boxed()
                .collect(Collectors.toMap(id -> id, id -> Uuid.randomUuid()));
        for (int i = 0; i < ports.size(); i++) {
            int nodeId = i + 1;
            Path dir = single ? dataDir.resolve("kafka") : dataDir.resolve("kafka-" + nodeId);
            Path logFile = logDir.resolve(single ? "kafka.log" : "kafka-" + nodeId + ".log");
            brokers.add(new KafkaBroker(this, nodeId, ports.get(i), dir, logFile,
                    single ? SINGLE_NODE_JVM : CLUSTER_NODE_JVM));
        }
    }

    /** One node, broker on {@code port}, controller on {@code port + 1}, data in {@code dataDir/kafka}. */
    public static KafkaCluster single(Path dataDir, int port, Path logDir) {
        return new KafkaCluster(List.of(new NodePorts(port, port + 1)), dataDir, logDir);
    }

    /** One node per entry, data in {@code dataDir/kafka-<node id>}, node ids from 1. */
    public static KafkaCluster ofNodes(List<NodePorts> ports, Path dataDir, Path logDir) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        return new KafkaCluster(List.copyOf(ports), dataDir, logDir);
    }

    public List<KafkaBroker> brokers() {
        return List.copyOf(brokers);
    }

    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::address).collect(Collectors.joining(","));
    }

    /** What the services' {@code nachruecker.topics.replicas} must be on this cluster. */
    public int replicationFactor() {
        return Math.min(brokers.size(), 3);
    }

    int minInSyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    String controllerBootstrapServers() {
        return brokers.stream().map(KafkaBroker::controllerAddress).collect(Collectors.joining(","));
    }

    /**
     * Kafka 4's StorageTool: one node formats itself as a standalone dynamic quorum; the nodes of a cluster are all
     * formatted with the same cluster id and the same list of initial controllers (id@host:port:directory id).
     */
    List<String> formatCommand(int nodeId, Path config) {
        List<String> command = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", clusterId, "-c", config.toString()));
        if (brokers.size() == 1) {
            command.add("--standalone");
        } else {
            command.add("--initial-controllers");
            command.add(brokers.stream()
                    .map(b -> b.nodeId() + "@" + b.controllerAddress() + ":" + directoryIds.get(b.nodeId()))
                    .collect(Collectors.joining(",")));
        }
        return command;
    }

    /** Starts every node (a quorum forms only once a majority runs) and waits until each one listens. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        for (KafkaBroker broker : brokers) {
            broker.launch(timeout);
        }
        for (KafkaBroker broker : brokers) {
            broker.awaitListening(timeout);
        }
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync, e.g. after a node came back, so
     * that the next node may be taken down without going below the in-sync minimum.
     */
    public void awaitFullyReplicated(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String lastState = "no answer from the cluster";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000))) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    Collection<TopicDescription> topics = admin.describeTopics(admin.listTopics().names()
                            .get(5, TimeUnit.SECONDS)).allTopicNames().get(5, TimeUnit.SECONDS).values();
                    long behind = topics.stream().flatMap(t -> t.partitions().stream())
                            .filter(KafkaCluster::underReplicated).count();
                    if (behind == 0) {
                        return;
                    }
                    lastState = behind + " partitions under-replicated";
                } catch (ExecutionException | TimeoutException e) {
                    lastState = e.toString();
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Kafka not fully replicated within " + timeout + ": " + lastState);
    }

    private static boolean underReplicated(TopicPartitionInfo partition) {
        return partition.leader() == null || partition.isr().size() < partition.replicas().size();
    }

    @Override
    public void close() {
        for (KafkaBroker broker : brokers) {
            broker.close();
        }
    }
}
