package de.nachruecker.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The platform started exactly as the README's run command starts it ({@code java -jar
 * local-platform/target/local-platform.jar}), with its own data directory and free ports for the broker, database,
 * SMTP server and SMS gateway stand-in so it does not collide with a platform a developer is running.
 *
 * <p>Starting it takes about a minute on two cores, so test classes share one start per JVM ({@link #shared()}); the
 * class that checks Ctrl-C runs last (junit-platform.properties orders classes by {@code @Order}).
 */
final class LocalPlatformProcess implements AutoCloseable {

    private static LocalPlatformProcess shared;

    static final String READY_LINE = "Nachrücker local platform is up.";
    private static final List<Integer> SERVICE_PORTS = List.of(8081, 8082, 8083, 8084);

    private final Process process;
    private final Path output;
    private final Path dataDir;
    final int kafkaPort;
    final int mongoPort;
    final int smsPort;
    final int smtpPort;

    private LocalPlatformProcess(Process process, Path output, Path dataDir, int kafkaPort, int mongoPort,
                                 int smsPort, int smtpPort) {
        this.process = process;
        this.output = output;
        this.dataDir = dataDir;
        this.kafkaPort = kafkaPort;
        this.mongoPort = mongoPort;
        this.smsPort = smsPort;
        this.smtpPort = smtpPort;
    }

    /** The platform of this test JVM, started on first use (again if a test stopped it); stopped when the JVM ends. */
    static synchronized LocalPlatformProcess shared() throws IOException {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-platform-stop"));
        }
        return shared;
    }

    private static LocalPlatformProcess start() throws IOException {
        awaitServicePortsFree();
        Path home = Paths.get(System.getProperty("platform.home", "..")).toAbsolutePath().normalize();
        Path target = home.resolve("system-tests").resolve("target");
        Files.createDirectories(target);
        Path output = target.resolve("local-platform.out");
        Path dataDir = target.resolve("platform");
        int kafkaPort = freePort();
        int mongoPort = freePort();
        int smtpPort = freePort();
        int smsPort = freePort();
        Process process = new ProcessBuilder(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "local-platform/target/local-platform.jar",
                "--fresh", "--data-dir=" + dataDir,
                "--kafka-port=" + kafkaPort, "--mongo-port=" + mongoPort,
                "--smtp-port=" + smtpPort, "--sms-port=" + smsPort))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        LocalPlatformProcess platform = new LocalPlatformProcess(process, output, dataDir, kafkaPort, mongoPort,
                smsPort, smtpPort);
        try {
            platform.awaitReady();
        } catch (RuntimeException notReady) {
            platform.close(); // the next test class starts afresh instead of next to a half-started platform
            throw notReady;
        }
        return platform;
    }

    /**
     * The services listen on fixed ports (the README's URLs): on a machine where another platform (another build's
     * system or fault tests) is running, wait for it to end instead of failing on a taken port.
     */
    private static void awaitServicePortsFree() {
        await("ports " + SERVICE_PORTS + " free (another local platform running?)")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> SERVICE_PORTS.stream().noneMatch(LocalPlatformProcess::isTaken));
    }

    private static boolean isTaken(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return !probe.isBound();
        } catch (IOException taken) {
            return true;
        }
    }

    private void awaitReady() {
        await("local platform ready (see " + output + ")")
                .atMost(Duration.ofMinutes(8))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the launcher exited: " + Files.readString(output));
                    }
                    return Files.readString(output).contains(READY_LINE);
                });
    }

    String smsMessagesUrl() {
        return "http://localhost:" + smsPort + "/messages";
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    /** The launcher's own output and every log file it writes for the broker and the services. */
    List<Path> logFiles() throws IOException {
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            return Stream.concat(Stream.of(output), logs.filter(Files::isRegularFile)).toList();
        }
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** Ctrl-C: the launcher stops the services, the broker and the database, and exits. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the launcher did not stop within 90 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
