package de.nachruecker.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole platform started as the README's Quick start starts it ({@code java -jar
 * local-platform/target/local-platform.jar}, from the repository root or a copy of its jars), as a child process of
 * a test or tool: fresh data, every port its own ({@link PlatformEndpoints#free()} by default, so it runs next to a
 * developer's platform on 8081–8084 and next to other tests), ready once the launcher prints its ready line, stopped
 * with SIGTERM as Ctrl-C would (also when the owning JVM ends).
 */
public final class LaunchedPlatform implements AutoCloseable {

    /** Relative to the repository root, as the README writes it. */
    public static final Path LAUNCHER_JAR = Path.of("local-platform", "target", "local-platform.jar");
    /** How long the launcher may take to stop the services, the broker and the database before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(90);

    private final Process process;
    private final PlatformEndpoints endpoints;
    private final Path output;
    private final Path dataDir;

    private LaunchedPlatform(Process process, PlatformEndpoints endpoints, Path output, Path dataDir) {
        this.process = process;
        this.endpoints = endpoints;
        this.output = output;
        this.dataDir = dataDir;
    }

    /** Starts the launcher and waits for its ready line; stops it again if it is not ready in time. */
    public static LaunchedPlatform start(PlatformLaunch launch) throws IOException, InterruptedException {
        Files.createDirectories(launch.workDir());
        Path home = launch.copyJars() ? JarSnapshot.ofPlatform(launch.home(), launch.workDir().resolve("home"))
                : launch.home();
        if (!Files.isRegularFile(home.resolve(LAUNCHER_JAR))) {
            throw new IllegalStateException(home.resolve(LAUNCHER_JAR) + " is missing: build first "
                    + "(mvn -B -DskipTests package)");
        }
        Path output = launch.workDir().resolve("local-platform.out");
        Path dataDir = launch.workDir().resolve("platform");
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", LAUNCHER_JAR.toString(), "--fresh", "--data-dir=" + dataDir));
        command.addAll(launch.endpoints().launcherOptions());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(launch.environment());
        LaunchedPlatform platform = new LaunchedPlatform(builder.start(), launch.endpoints(), output, dataDir);
        // the owner ending (Ctrl-C on a tool, a test JVM exiting), also during start-up, must not leave it running
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "local-platform-stop"));
        try {
            platform.awaitReady(launch.startTimeout());
        } catch (RuntimeException | InterruptedException notReady) {
            platform.close(); // a retry starts afresh instead of next to a half-started platform
            throw notReady;
        }
        return platform;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!outputText().contains(LocalPlatform.READY_LINE)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited during start-up:\n" + outputText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the platform was not up within " + timeout + ", see " + output);
            }
            Thread.sleep(500);
        }
    }

    public PlatformEndpoints endpoints() {
        return endpoints;
    }

    /** The launcher's process id; the broker, the database and the services are its children. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The launcher's own output (console lines, the URLs once ready). */
    public Path output() {
        return output;
    }

    public String outputText() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The launcher's output and every log file it writes (broker, database, services). */
    public List<Path> logFiles() throws IOException {
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            return Stream.concat(Stream.of(output), logs.filter(Files::isRegularFile)).toList();
        }
    }

    /**
     * Ctrl-C: SIGTERM, so the launcher stops the services, the broker and the database; killed with all it started
     * if that takes longer than {@code grace}.
     *
     * @return the launcher's exit code
     */
    public int stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly); // a killed launcher cannot stop them any more
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the launcher did not stop within " + grace + ", killed it");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stop(STOP_GRACE);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IllegalStateException killed) {
            System.err.println(killed.getMessage());
        }
    }
}
