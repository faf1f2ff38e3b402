package de.nachruecker.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/** One of the four services, run from its executable jar as the README's build leaves it. */
final class ServiceInstance implements AutoCloseable {

    /** Small heaps and C1 only: four services plus broker stay well under 2 GiB and start fast on 2 cores. */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx320m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final int port;
    private final Path jar;
    private final Path logFile;
    private ChildProcess process;

    ServiceInstance(String name, int port, Path home, Path logDir) {
        this.name = name;
        this.port = port;
        this.jar = home.resolve(name).resolve("target").resolve(name + ".jar");
        this.logFile = logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    String url() {
        return "http://localhost:" + port;
    }

    void start(Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (see README, Quick start)");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        process = ChildProcess.jar(name, JVM_OPTIONS, jar, env, logFile);
    }

    /** Healthy means the actuator says UP, which includes Mongo and the Kafka binder. */
    void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up, see " + logFile);
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + ", see " + logFile);
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
