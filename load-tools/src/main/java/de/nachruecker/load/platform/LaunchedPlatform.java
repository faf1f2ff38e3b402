package de.nachruecker.load.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local platform started by a tool as the README starts it ({@code java -jar local-platform/target/
 * local-platform.jar --fresh}), on free ports for broker, database, SMTP and SMS stand-in, from a copy of the built
 * jars: a long run must not lose its services when someone rebuilds the modules meanwhile.
 */
final class LaunchedPlatform implements AutoCloseable {

    static final String READY_LINE = "Nachrücker local platform is up.";
    private static final List<String> SERVICES =
            List.of("registration-service", "slot-service", "allocation-service", "notification-service");
    private static final int[] SERVICE_PORTS = {8081, 8082, 8083, 8084};

    private final Process process;
    private final Path output;
    private final Endpoints endpoints;

    private LaunchedPlatform(Process process, Path output, Endpoints endpoints) {
        this.process = process;
        this.output = output;
        this.endpoints = endpoints;
    }

    /**
     * @param home        repository root with the built jars ({@code mvn -B -DskipTests package})
     * @param workDir     gets the jar copy ({@code home/}), the platform's data and its output
     * @param environment added to the launcher's environment, which the services inherit
     */
    static LaunchedPlatform start(Path home, Path workDir, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        for (int port : SERVICE_PORTS) {
            refuseIfTaken(port);
        }
        Path snapshot = snapshotJars(home, workDir.resolve("home"));
        Path output = workDir.resolve("local-platform.out");
        int kafkaPort = freePort();
        int smsPort = freePort();
        List<String> command = List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", snapshot.resolve("local-platform/target/local-platform.jar").toString(),
                "--home=" + snapshot, "--fresh", "--data-dir=" + workDir.resolve("platform"),
                "--kafka-port=" + kafkaPort, "--mongo-port=" + freePort(), "--smtp-port=" + freePort(),
                "--sms-port=" + smsPort);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        log("starting the local platform (output in " + output + ")");
        LaunchedPlatform platform = new LaunchedPlatform(builder.start(), output,
                Endpoints.local("localhost:" + kafkaPort, "http://localhost:" + smsPort));
        // Ctrl-C on the tool, also during start-up, must not leave the platform running
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "platform-stop"));
        platform.awaitReady(timeout);
        return platform;
    }

    Endpoints endpoints() {
        return endpoints;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!Files.readString(output).contains(READY_LINE)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited:\n" + Files.readString(output));
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("the platform was not up within " + timeout + ", see " + output);
            }
            Thread.sleep(500);
        }
        log("platform up");
    }

    /** Ctrl-C for the launcher: it stops the services, the broker and the database. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path snapshotJars(Path home, Path snapshot) throws IOException {
        List<Path> jars = new ArrayList<>();
        jars.add(Paths.get("local-platform/target/local-platform.jar"));
        try (Stream<Path> lib = Files.list(home.resolve("local-platform/target/lib"))) {
            lib.map(home::relativize).forEach(jars::add);
        } catch (IOException e) {
            throw new IllegalStateException("build first: mvn -B -DskipTests package (" + e.getMessage() + ")", e);
        }
        SERVICES.forEach(service -> jars.add(Paths.get(service, "target", service + ".jar")));
        for (Path jar : jars) {
            Path from = home.resolve(jar);
            if (!Files.isRegularFile(from)) {
                throw new IllegalStateException(from + " is missing: build first (mvn -B -DskipTests package)");
            }
            Path to = snapshot.resolve(jar);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return snapshot;
    }

    private static void refuseIfTaken(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is taken: stop the platform that runs there, or "
                    + "attach to it with --attach", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String line) {
        System.out.println("[load-tools] " + line);
    }
}
