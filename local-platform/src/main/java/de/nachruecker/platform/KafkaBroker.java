package de.nachruecker.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One node of a {@link KafkaCluster}: a real Apache Kafka server in KRaft mode (broker and controller in one
 * process), run from the Maven Central jars as a child JVM. Its log directory is formatted once and kept, so a node
 * killed with -9 and started again rejoins with its topics and offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The log cleaner's key map: 24 bytes a key, filled to 90 %. */
    static final long CLEANER_DEDUPE_BUFFER_BYTES = 16L * 1024 * 1024;

    private final KafkaCluster cluster;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final Path dir;
    private final Path logFile;
    private final List<String> jvmOptions;
    private ChildProcess process;

    KafkaBroker(KafkaCluster cluster, int nodeId, KafkaCluster.NodePorts ports, Path dir, Path logFile,
                List<String> jvmOptions) {
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.port = ports.broker();
        this.controllerPort = ports.controller();
        this.dir = dir;
        this.logFile = logFile;
        this.jvmOptions = jvmOptions;
    }

    public int nodeId() {
        return nodeId;
    }

    public String name() {
        return "kafka-" + nodeId;
    }

    public String address() {
        return "localhost:" + port;
    }

    String controllerAddress() {
        return "localhost:" + controllerPort;
    }

    /** The running process, e.g. to kill or pause it; null before the first start. */
    public ChildProcess process() {
        return process;
    }

    /** Starts the process (formatting the log directory on first use); {@link #awaitListening} waits for it. */
    void launch(Duration timeout) throws IOException, InterruptedException {
        Path logDirs = dir.resolve("logs");
        Files.createDirectories(logDirs);
        Path config = writeServerProperties(logDirs);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            ChildProcess format = ChildProcess.task(name() + "-format", List.of("-Xmx256m"),
                    cluster.formatCommand(nodeId, config), Map.of(), logFile);
            if (format.waitFor(timeout) != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed, see " + logFile);
            }
        }
        process = ChildProcess.java(name(), jvmOptions, List.of("kafka.Kafka", config.toString()), Map.of(), logFile);
    }

    void awaitListening(Duration timeout) throws InterruptedException {
        Ports.awaitListening("Kafka node " + nodeId, port, process, timeout);
    }

    /** Starts the node again on the same log directory after a kill or a stop, and waits until it listens. */
    public void restart(Duration timeout) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name() + " is still running (pid " + process.pid() + ")");
        }
        launch(timeout);
        awaitListening(timeout);
    }

    private Path writeServerProperties(Path logDirs) {
        Path config = dir.resolve("server.properties");
        int replicas = cluster.replicationFactor();
        int minInSync = cluster.minInSyncReplicas();
        try (Writer out = Files.newBufferedWriter(config)) {
            out.write(String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=" + nodeId,
                    "controller.quorum.bootstrap.servers=" + cluster.controllerBootstrapServers(),
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + logDirs.toAbsolutePath(),
                    "num.partitions=1",
                    "default.replication.factor=" + replicas,
                    "min.insync.replicas=" + minInSync,
                    "offsets.topic.replication.factor=" + replicas,
                    "transaction.state.log.replication.factor=" + replicas,
                    "transaction.state.log.min.isr=" + minInSync,
                    "share.coordinator.state.topic.replication.factor=" + replicas,
                    "share.coordinator.state.topic.min.isr=" + minInSync,
                    // an out-of-sync replica never becomes leader: acknowledged records are never lost to a failover
                    "unclean.leader.election.enable=false",
                    // no reason to wait for more group members before the first rebalance
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    // the log cleaner's key map lives on the heap for good: Kafka's default of 128 MB filled half
                    // the 256 MB cap and forced full collections under load; 16 MB map about 600,000 keys a pass
                    // (the compacted topics hold one per candidate; a larger log is cleaned in several passes)
                    "log.cleaner.dedupe.buffer.size=" + CLEANER_DEDUPE_BUFFER_BYTES,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
