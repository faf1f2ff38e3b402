package de.nachruecker.load.platform;

import de.nachruecker.load.ToolOptions;
import de.nachruecker.platform.LaunchedPlatform;
import de.nachruecker.platform.PlatformLaunch;
import de.nachruecker.platform.ServicePorts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The platform a tool drives: started by the tool (default) or a running one ({@code --attach}).
 *
 * <p>A started platform is local-platform's {@link LaunchedPlatform}: from a copy of the built jars (a long run must
 * not lose its services when someone rebuilds the modules meanwhile), fresh data, free ports for everything, so a
 * tool runs next to a developer's platform and next to the system or fault tests.
 *
 * <p>Options: {@code --home=.} (repository root with the built jars), {@code --start-timeout=PT15M} (a busy machine
 * starts slowly); with {@code --attach}: {@code --service-port-base=8081}, {@code --bootstrap-servers=localhost:9092},
 * {@code --sms-url=http://localhost:8089}, {@code --platform-pid=N} (the launcher's process id, for memory; without
 * it memory is not measured).
 */
public final class Platform implements AutoCloseable {

    /**
     * All load comes from this machine's one address: registration-service's per-address abuse limits (a few dozen
     * registrations and answers per address and hour) would refuse it, so a started platform runs with them lifted.
     * The per-phone limits stay.
     */
    static final Map<String, String> ONE_ADDRESS_LOAD = Map.of(
            "NACHRUECKER_REGISTRATION_RATELIMITS_REGISTER_PERADDRESS", "100000000",
            "NACHRUECKER_REGISTRATION_RATELIMITS_VERIFY_PERADDRESS", "100000000",
            "NACHRUECKER_REGISTRATION_RATELIMITS_ANSWER_PERADDRESS", "100000000");

    private final Endpoints endpoints;
    private final OptionalLong launcherPid;
    private final LaunchedPlatform launched;

    private Platform(Endpoints endpoints, OptionalLong launcherPid, LaunchedPlatform launched) {
        this.endpoints = endpoints;
        this.launcherPid = launcherPid;
        this.launched = launched;
    }

    /**
     * @param environment for a started platform only, e.g. another centre catalogue; an attached platform must have
     *                    been started with it
     */
    public static Platform open(ToolOptions options, Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        if (options.has("attach")) {
            Endpoints endpoints = Endpoints.attached(
                    options.integer("service-port-base", ServicePorts.DEFAULT_BASE),
                    options.text("bootstrap-servers", "localhost:9092"),
                    options.text("mongo-uri", "mongodb://localhost:27017"),
                    options.text("sms-url", "http://localhost:8089"));
            String pid = options.text("platform-pid", null);
            return new Platform(endpoints, pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid)),
                    null);
        }
        Map<String, String> env = new HashMap<>(ONE_ADDRESS_LOAD);
        env.putAll(environment);
        log("starting the local platform (output in " + workDir.resolve("local-platform.out") + ")");
        LaunchedPlatform launched = LaunchedPlatform.start(PlatformLaunch.of(options.path("home", "."), workDir)
                .withCopiedJars().withEnvironment(env)
                .withStartTimeout(options.duration("start-timeout", Duration.ofMinutes(15))));
        log("platform up, services from " + launched.endpoints().registrationUrl());
        return new Platform(Endpoints.of(launched.endpoints()), OptionalLong.of(launched.pid()), launched);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Resident memory of the launcher and every process it started; empty when attached without a pid. */
    public Optional<PlatformMemory.Sample> memory() {
        if (launcherPid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PlatformMemory.sample(launcherPid.getAsLong()));
    }

    /**
     * CPU milliseconds so far of every platform process (by part) and of this tool; empty when attached without a
     * pid.
     */
    public Optional<Map<String, Double>> cpu() {
        if (launcherPid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PlatformCpu.sample(launcherPid.getAsLong()));
    }

    private static void log(String line) {
        System.out.println("[load-tools] " + line);
    }

    @Override
    public void close() {
        if (launched != null) {
            launched.close();
        }
    }
}
