package de.nachruecker.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies of the built jars, laid out as in the build ({@code <module>/target/<module>.jar}): a long run or a restart
 * after a kill runs the same code even if someone rebuilds the modules meanwhile (a jar replaced under a starting JVM
 * fails its start).
 */
public final class JarSnapshot {

    private JarSnapshot() {
    }

    /** The four service jars of {@code home} in {@code snapshot}, which then serves as a launcher's home. */
    public static Path ofServices(Path home, Path snapshot) throws IOException {
        List<Path> jars = new ArrayList<>();
        ServicePorts.MODULES.forEach(module -> jars.add(Path.of(module, "target", module + ".jar")));
        return copy(home, jars, snapshot);
    }

    /** The launcher jar with its libraries and the four service jars: all {@code java -jar} needs. */
    public static Path ofPlatform(Path home, Path snapshot) throws IOException {
        List<Path> jars = new ArrayList<>();
        jars.add(LaunchedPlatform.LAUNCHER_JAR);
        Path lib = home.resolve(LaunchedPlatform.LAUNCHER_JAR).resolveSibling("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build first (mvn -B -DskipTests package)");
        }
        try (Stream<Path> libraries = Files.list(lib)) {
            libraries.map(home::relativize).forEach(jars::add);
        }
        ServicePorts.MODULES.forEach(module -> jars.add(Path.of(module, "target", module + ".jar")));
        return copy(home, jars, snapshot);
    }

    private static Path copy(Path home, List<Path> jars, Path snapshot) throws IOException {
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
}
