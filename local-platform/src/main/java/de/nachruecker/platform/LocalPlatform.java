package de.nachruecker.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The whole platform on one machine without Docker: a real Kafka broker (KRaft), a file-backed MongoDB-protocol
 * server, a local SMTP server and a stand-in SMS gateway, then the four services. Ctrl-C stops everything.
 *
 * <p>Options (all optional): {@code --data-dir=.local-platform}, {@code --home=.} (where the service modules are),
 * {@code --kafka-port=9092}, {@code --mongo-port=27017}, {@code --smtp-port=3025}, {@code --sms-port=8089},
 * {@code --fresh} (delete the data directory first). Each may also be given as an environment variable, e.g.
 * {@code PLATFORM_KAFKA_PORT}.
 */
public final class LocalPlatform {

    static final String READY_LINE = "Nachrücker local platform is up.";

    private static final Map<String, Integer> SERVICES = servicePorts();

    private final LocalPlatformOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    LocalPlatform(LocalPlatformOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LocalPlatform platform = new LocalPlatform(LocalPlatformOptions.parse(args, System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.stop();
            stopped.countDown();
        }, "local-platform-shutdown"));
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
            deleteRecursively(dataDir);
        }
        Path logDir = dataDir.resolve("logs");
        Files.createDirectories(logDir);
        log("data in " + dataDir.toAbsolutePath() + ", logs in " + logDir.toAbsolutePath());

        FileBackedMongo mongo = new FileBackedMongo(dataDir.resolve("mongo"), options.mongoPort());
        mongo.start();
        running.push(mongo);
        log("MongoDB-protocol server on localhost:" + options.mongoPort());

        GreenMail smtp = new GreenMail(new ServerSetup(options.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        running.push(smtp::stop);
        StandInSmsGateway sms = new StandInSmsGateway(options.smsPort());
        sms.start();
        running.push(sms);
        log("SMTP on localhost:" + options.smtpPort() + ", SMS gateway stand-in on " + sms.baseUrl());

        KafkaBroker kafka = new KafkaBroker(dataDir, options.kafkaPort(), logDir);
        running.push(kafka);
        kafka.start(Duration.ofSeconds(90));
        log("Kafka broker on " + kafka.bootstrapServers());

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<ServiceInstance> services = SERVICES.entrySet().stream()
                .map(s -> new ServiceInstance(s.getKey(), s.getValue(), options.home(), logDir))
                .toList();
        for (ServiceInstance service : services) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SPRING_PROFILES_ACTIVE", "local");
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("MONGODB_URI", mongo.uri(service.name()));
            env.put("SPRING_MAIL_HOST", "localhost");
            env.put("SPRING_MAIL_PORT", Integer.toString(options.smtpPort()));
            env.put("NACHRUECKER_NOTIFICATION_SMS_BASE_URL", sms.baseUrl());
            service.start(env);
            running.push(service);
        }
        for (ServiceInstance service : services) {
            service.awaitHealthy(http, Duration.ofSeconds(240));
            log(String.format("%-22s %s  (API docs %s/swagger-ui.html)", service.name(), service.url(),
                    service.url()));
        }
        System.out.println(READY_LINE + " Press Ctrl-C to stop.");
    }

    /** Stops in reverse start order: services before the broker and the database they use. */
    synchronized void stop() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("registration-service", 8081);
        ports.put("slot-service", 8082);
        ports.put("allocation-service", 8083);
        ports.put("notification-service", 8084);
        return ports;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void log(String line) {
        System.out.println("[local-platform] " + line);
    }

}
