package de.nachruecker.faulttest;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.nachruecker.platform.ChildProcess;
import de.nachruecker.platform.Directories;
import de.nachruecker.platform.JarSnapshot;
import de.nachruecker.platform.KafkaBroker;
import de.nachruecker.platform.KafkaCluster;
import de.nachruecker.platform.MongoProcess;
import de.nachruecker.platform.Ports;
import de.nachruecker.platform.ServiceEnvironment;
import de.nachruecker.platform.ServiceInstance;
import de.nachruecker.platform.ServicePorts;
import de.nachruecker.platform.StandInSmsGateway;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The platform as real processes on free ports: three Kafka nodes (KRaft quorum, replication 3, min in-sync 2),
 * registration, slot and notification service once, the allocation service twice, the MongoDB-protocol server (the
 * launcher's child JVM: it is killed too, and restarted on its file). The SMTP server and the SMS gateway stand-in run
 * in the test JVM: they are the outside world, never killed.
 */
final class FaultPlatform implements AutoCloseable {

    static final String REGISTRATION = ServicePorts.REGISTRATION;
    static final String SLOT = ServicePorts.SLOT;
    static final String ALLOCATION = ServicePorts.ALLOCATION;
    static final String NOTIFICATION = ServicePorts.NOTIFICATION;
    /** Generous: on a shared 2-core machine a Spring Boot service restarting under load has taken five minutes. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(8);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<ServiceInstance> services = new ArrayList<>();
    private MongoProcess mongo;
    private int mongoPort;
    private StandInSmsGateway sms;
    private KafkaCluster kafka;

    void start(Path dataDir) throws IOException, InterruptedException {
        Directories.deleteRecursively(dataDir);
        Path logDir = dataDir.resolve("logs");
        Files.createDirectories(logDir);

        mongoPort = Ports.free();
        mongo = new MongoProcess(dataDir.resolve("mongo"), mongoPort, logDir.resolve("mongo.log"));
        running.push(mongo);
        mongo.start(START_TIMEOUT);
        int smtpPort = Ports.free();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        running.push(smtp::stop);
        sms = new StandInSmsGateway(0);
        sms.start();
        running.push(sms);

        kafka = KafkaCluster.ofNodes(IntStream.range(0, 3)
                .mapToObj(n -> new KafkaCluster.NodePorts(Ports.free(), Ports.free())).toList(), dataDir, logDir);
        running.push(kafka);
        kafka.start(START_TIMEOUT);

        // every restart after a kill runs the same code even if the working tree's jars are rebuilt meanwhile
        Path home = JarSnapshot.ofServices(
                Path.of(System.getProperty("platform.home", "..")).toAbsolutePath().normalize(),
                dataDir.resolve("home"));
        ServiceInstance registration = new ServiceInstance(REGISTRATION, Ports.free(), home, logDir);
        services.add(registration);
        services.add(new ServiceInstance(SLOT, Ports.free(), home, logDir));
        services.add(new ServiceInstance(ALLOCATION, ALLOCATION + "-1", Ports.free(), home, logDir));
        services.add(new ServiceInstance(ALLOCATION, ALLOCATION + "-2", Ports.free(), home, logDir));
        services.add(new ServiceInstance(NOTIFICATION, Ports.free(), home, logDir));
        ServiceEnvironment environment = new ServiceEnvironment(kafka.bootstrapServers(), kafka.replicationFactor(),
                mongoPort, smtpPort, sms.baseUrl(), registration.url());
        for (ServiceInstance service : services) {
            Map<String, String> env = new HashMap<>(environment.of(service.module()));
            if (service.module().equals(REGISTRATION)) {
                // thousands of citizens answer from this one test address; the per-address limit is for the internet
                env.put("NACHRUECKER_REGISTRATION_RATELIMITS_ANSWER_PERADDRESS", "100000000");
                env.put("NACHRUECKER_REGISTRATION_RATELIMITS_REGISTER_PERADDRESS", "100000000");
            }
            service.start(env);
            running.push(service);
        }
        for (ServiceInstance service : services) {
            service.awaitHealthy(http, START_TIMEOUT);
        }
    }

    /** The database server: kill -9, then started again on its file and port. */
    MongoProcess mongo() {
        return mongo;
    }

    ServiceInstance service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    List<ServiceInstance> services() {
        return List.copyOf(services);
    }

    List<KafkaBroker> brokers() {
        return kafka.brokers();
    }

    KafkaCluster kafka() {
        return kafka;
    }

    String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    String smsMessagesUrl() {
        return sms.baseUrl() + "/messages";
    }

    HttpClient http() {
        return http;
    }

    /** Every child process, e.g. to resume a paused one before checking. */
    Stream<ChildProcess> processes() {
        Stream<ChildProcess> brokers = kafka == null ? Stream.empty()
                : kafka.brokers().stream().map(KafkaBroker::process);
        return Stream.concat(Stream.concat(services.stream().map(ServiceInstance::process), brokers),
                Stream.ofNullable(mongo).map(MongoProcess::process)).filter(Objects::nonNull);
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }
}
