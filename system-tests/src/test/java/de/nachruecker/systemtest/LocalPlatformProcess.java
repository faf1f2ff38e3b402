package de.nachruecker.systemtest;

import de.nachruecker.platform.LaunchedPlatform;
import de.nachruecker.platform.PlatformEndpoints;
import de.nachruecker.platform.PlatformLaunch;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform of this test JVM, started exactly as the README's run command starts it ({@code java -jar
 * local-platform/target/local-platform.jar}) through local-platform's {@link LaunchedPlatform}: its own data
 * directory under {@code target/platform} and free ports for everything, services included, so it runs next to a
 * developer's platform on 8081–8084 and next to the fault tests or a benchmark.
 *
 * <p>Starting it takes about a minute on two cores, so test classes share one start per JVM ({@link #shared()}); the
 * class that checks Ctrl-C runs last (junit-platform.properties orders classes by {@code @Order}).
 */
final class LocalPlatformProcess {

    /** Short, so that the erasure test sees a deleted document leave the store's file within a test's time. */
    static final Duration STORE_COMPACTION_INTERVAL = Duration.ofSeconds(20);

    private static LocalPlatformProcess shared;

    private final LaunchedPlatform platform;

    private LocalPlatformProcess(LaunchedPlatform platform) {
        this.platform = platform;
    }

    /** Started on first use (again if a test stopped it); stopped when the JVM ends. */
    static synchronized LocalPlatformProcess shared() throws IOException, InterruptedException {
        if (shared == null || !shared.platform.isAlive()) {
            Path home = Paths.get(System.getProperty("platform.home", "..")).toAbsolutePath().normalize();
            shared = new LocalPlatformProcess(LaunchedPlatform.start(
                    PlatformLaunch.of(home, home.resolve("system-tests").resolve("target"))
                            .withEnvironment(Map.of(
                                    // the erasure test waits until deleted documents have left the database's file
                                    "PLATFORM_STORE_COMPACTION_INTERVAL", STORE_COMPACTION_INTERVAL.toSeconds() + "s",
                                    // start = end: no quiet hours, so an offer call rings at any time of day the
                                    // suite runs (the hold itself is tested in notification-service)
                                    "NACHRUECKER_NOTIFICATION_VOICE_QUIETHOURS_START", "00:00",
                                    "NACHRUECKER_NOTIFICATION_VOICE_QUIETHOURS_END", "00:00"))
                            .withStartTimeout(Duration.ofMinutes(8))));
        }
        return shared;
    }

    PlatformEndpoints endpoints() {
        return platform.endpoints();
    }

    String smsMessagesUrl() {
        return endpoints().smsMessagesUrl();
    }

    String bootstrapServers() {
        return endpoints().kafkaBootstrapServers();
    }

    String mongoUri() {
        return endpoints().mongoUri();
    }

    /** Where the platform keeps its data: {@code mongo/} (the database's file), {@code kafka/} (the broker's logs). */
    Path dataDir() {
        return platform.dataDir();
    }

    /** The launcher's own output and every log file it writes for the broker, the database and the services. */
    List<Path> logFiles() throws IOException {
        return platform.logFiles();
    }

    String output() {
        return platform.outputText();
    }

    /** Ctrl-C: the launcher stops the services, the broker and the database, and exits. */
    int stop() throws InterruptedException {
        return platform.stop(LaunchedPlatform.STOP_GRACE);
    }
}
