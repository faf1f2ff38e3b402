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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One running instance of a service, from the executable jar the README's build leaves in
 * {@code <module>/target/<module>.jar}. Several instances of one module (e.g. two allocation services) differ in
 * name, port and log file; each can be killed, paused and started again with the same environment.
 */
public final class ServiceInstance implements AutoCloseable {

    /** Small heaps: the services plus brokers stay modest on 2 cores. The compilers follow {@link Jit}. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xss512k", "-XX:+UseSerialGC");
    /**
     * Allocation holds the candidate pool in memory (about 170 MB more with 100,000 candidates); the others keep
     * little between requests, and a larger cap only let their heaps grow under load.
     */
    static final String ALLOCATION_HEAP = "-Xmx320m";
    static final String SERVICE_HEAP = "-Xmx256m";

    private final String module;
    private final String name;
    private final int port;
    private final Path jar;
    private final Path logFile;
    private Map<String, String> environment;
    private ChildProcess process;
    private Jit jit = Jit.C2;

    /** The single instance of a module, named after it. */
    public ServiceInstance(String module, int port, Path home, Path logDir) {
        this(module, module, port, home, logDir);
    }

    /** An instance of {@code module} with its own {@code name} (log file, process name), e.g. allocation-service-2. */
    public ServiceInstance(String module, String name, int port, Path home, Path logDir) {
        this.module = module;
        this.name = name;
        this.port = port;
        this.jar = home.resolve(module).resolve("target").resolve(module + ".jar");
        this.logFile = logDir.resolve(name + ".log");
    }

    /** The compilers of its JVM from the next start on (default {@link Jit#C2}). */
    public ServiceInstance jit(Jit compilers) {
        this.jit = compilers;
        return this;
    }

    public String module() {
        return module;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The running process, e.g. to kill or pause it; null before the first start. */
    public ChildProcess process() {
        return process;
    }

    public void start(Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (see README, Quick start)");
        }
        if (Ports.isListening(port)) {
            throw new IllegalStateException("port " + port + " of " + name + " is in use (another platform running?)");
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        this.environment = Map.copyOf(env);
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        jvm.addAll(jit.jvmOptions());
        jvm.add(ServicePorts.ALLOCATION.equals(module) ? ALLOCATION_HEAP : SERVICE_HEAP);
        process = ChildProcess.jar(name, jvm, jar, env, logFile);
    }

    /** Starts the instance again with the environment of its first start, e.g. after a kill -9. */
    public void restart() throws IOException {
        if (environment == null) {
            throw new IllegalStateException(name + " was never started");
        }
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running (pid " + process.pid() + ")");
        }
        start(environment);
    }

    /** Healthy means the actuator says UP, which includes Mongo and the Kafka binder. */
    public void awaitHealthy(HttpClient http, Duration timeout) throws InterruptedException {
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
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
