package de.nachruecker.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/**
 * The whole platform on one machine without Docker: a file-backed MongoDB-protocol server (child JVM), a local SMTP
 * server and a stand-in SMS gateway (one child JVM), a real Kafka broker (KRaft, child JVM), then the four services.
 * Ctrl-C stops everything. When one of the processes dies, the launcher says which and why and stops everything
 * with exit code 3 ({@link Supervision}).
 *
 * <p>Options (all optional): {@code --data-dir=.local-platform}, {@code --home=.} (where the service modules are),
 * {@code --kafka-port=9092}, {@code --mongo-port=27017}, {@code --smtp-port=3025}, {@code --sms-port=8089},
 * {@code --service-port-base=8081} (registration on it, slot, allocation and notification on the next three),
 * {@code --fresh} (delete the data directory first), {@code --brokers=1} (3: a KRaft quorum of three nodes, topics
 * replicated three times), {@code --allocation-instances=1}, {@code --store-compaction-interval=15m} (deleted data
 * leaves the store's file within it; ISO-8601 or 10s, 15m, 2h), {@code --store-fsync=commit} (or a duration: fsync
 * that often instead of before each acknowledgement), {@code --jit=c2} (c1: the services and the database server
 * with the C1 compiler only, less memory and less throughput, see {@link Jit}). Each may also be given as an
 * environment variable, e.g.
 * {@code PLATFORM_KAFKA_PORT}.
 */
public final class LocalPlatform {

    static final String READY_LINE = "Nachrücker local platform is up.";

    private final LocalPlatformOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private boolean stopped;

    LocalPlatform(LocalPlatformOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LocalPlatform platform = new LocalPlatform(LocalPlatformOptions.parse(args, System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Supervision supervision = new Supervision(System.out, System::exit);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            supervision.stopping();
            platform.stop();
            stopped.countDown();
        }, "local-platform-shutdown"));
        supervision.watch();
        try {
            platform.start();
        } catch (Exception e) {
            System.err.println("Start-up failed: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws IOException, InterruptedException {
        Path dataDir = options.dataDir();
        if (options.fresh()) {
            Directories.deleteRecursively(dataDir);
        }
        Path logDir = dataDir.resolve("logs");
        Files.createDirectories(logDir);
        log("data in " + dataDir.toAbsolutePath() + ", logs in " + logDir.toAbsolutePath());

        MongoProcess mongo = new MongoProcess(dataDir.resolve("mongo"), options.mongoPort(),
                logDir.resolve("mongo.log"), options.storeCompactionInterval(), options.storeFsyncInterval())
                .jit(options.jit());
        starting(mongo, () -> mongo.start(Duration.ofSeconds(90)));
        log("MongoDB-protocol server on localhost:" + options.mongoPort() + " (fsync "
                + (options.storeFsyncInterval().isZero() ? "of every commit" : "every " + options.storeFsyncInterval())
                + ", file compacted every " + options.storeCompactionInterval() + ")");

        StandInsProcess standIns = new StandInsProcess(options.smtpPort(), options.smsPort(),
                logDir.resolve("stand-ins.log"));
        starting(standIns, () -> standIns.start(Duration.ofSeconds(90)));
        log("SMTP on localhost:" + options.smtpPort() + ", SMS gateway stand-in on " + standIns.smsBaseUrl());

        KafkaCluster kafka = kafkaCluster(logDir);
        starting(kafka, () -> kafka.start(Duration.ofSeconds(90)));
        log("Kafka (" + options.brokers() + (options.brokers() == 1 ? " node" : " nodes") + ") on "
                + kafka.bootstrapServers());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ServiceEnvironment environment = new ServiceEnvironment(kafka.bootstrapServers(), kafka.replicationFactor(),
                options.mongoPort(), options.smtpPort(), standIns.smsBaseUrl(),
                "http://localhost:" + options.servicePorts().registration());
        List<ServiceInstance> services = serviceInstances(logDir);
        for (ServiceInstance service : services) {
            starting(service, () -> service.start(environment.of(service.module())));
        }
        for (ServiceInstance service : services) {
            service.awaitHealthy(http, Duration.ofSeconds(240));
            log(String.format("%-22s %s  (API docs %s/swagger-ui.html)", service.name(), service.url(),
                    service.url()));
        }
        System.out.println(READY_LINE + " Press Ctrl-C to stop.");
    }

    private interface Start {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Registers a part and starts it, unless the platform is already stopping (Ctrl-C or a dead part during
     * start-up): then nothing more is started, so no process outlives the launcher.
     */
    private synchronized void starting(AutoCloseable part, Start start) throws IOException, InterruptedException {
        if (stopped) {
            throw new IllegalStateException("the platform is stopping");
        }
        running.push(part);
        start.run();
    }

    /** Stops in reverse start order: services before the broker and the database they use. */
    synchronized void stop() {
        stopped = true;
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }

    /** Node n (from 1) of a cluster listens on kafka-port + 2(n - 1), its controller one port above. */
    private KafkaCluster kafkaCluster(Path logDir) {
        if (options.brokers() == 1) {
            return KafkaCluster.single(options.dataDir(), options.kafkaPort(), logDir);
        }
        List<KafkaCluster.NodePorts> ports = IntStream.range(0, options.brokers())
                .mapToObj(n -> new KafkaCluster.NodePorts(options.kafkaPort() + 2 * n, options.kafkaPort() + 2 * n + 1))
                .toList();
        return KafkaCluster.ofNodes(ports, options.dataDir(), logDir);
    }

    /** One instance per service; further allocation instances (n from 2) as {@link ServicePorts} places them. */
    private List<ServiceInstance> serviceInstances(Path logDir) {
        ServicePorts ports = options.servicePorts();
        List<ServiceInstance> services = new ArrayList<>();
        for (String module : ServicePorts.MODULES) {
            services.add(new ServiceInstance(module, ports.of(module), options.home(), logDir).jit(options.jit()));
        }
        for (int n = 2; n <= options.allocationInstances(); n++) {
            services.add(new ServiceInstance(ServicePorts.ALLOCATION, ServicePorts.ALLOCATION + "-" + n,
                    ports.allocation(n), options.home(), logDir).jit(options.jit()));
        }
        return services;
    }

    private static void log(String line) {
        System.out.println("[local-platform] " + line);
    }

}
