package de.nachruecker.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a test or tool launches the platform ({@link LaunchedPlatform#start}).
 *
 * @param home         repository root with the built jars ({@code mvn -B -DskipTests package})
 * @param workDir      gets the platform's data ({@code platform/}), its output ({@code local-platform.out}) and, with
 *                     {@code copyJars}, the copy of the jars ({@code home/})
 * @param copyJars     start from a copy of the jars, so a rebuild during a long run cannot pull them away
 * @param environment  added to the launcher's environment, which the services inherit
 * @param endpoints    where everything listens; free ports by default
 * @param startTimeout how long the launcher may take to print its ready line (a busy machine starts slowly)
 */
public record PlatformLaunch(Path home, Path workDir, boolean copyJars, Map<String, String> environment,
                             PlatformEndpoints endpoints, Duration startTimeout) {

    public PlatformLaunch {
        environment = Map.copyOf(environment);
    }

    /** From the jars in {@code home}, on free ports, with ten minutes to start. */
    public static PlatformLaunch of(Path home, Path workDir) {
        return new PlatformLaunch(home.toAbsolutePath().normalize(), workDir.toAbsolutePath().normalize(), false,
                Map.of(), PlatformEndpoints.free(), Duration.ofMinutes(10));
    }

    public PlatformLaunch withCopiedJars() {
        return new PlatformLaunch(home, workDir, true, environment, endpoints, startTimeout);
    }

    public PlatformLaunch withEnvironment(Map<String, String> added) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(added);
        return new PlatformLaunch(home, workDir, copyJars, merged, endpoints, startTimeout);
    }

    public PlatformLaunch withStartTimeout(Duration timeout) {
        return new PlatformLaunch(home, workDir, copyJars, environment, endpoints, timeout);
    }
}
