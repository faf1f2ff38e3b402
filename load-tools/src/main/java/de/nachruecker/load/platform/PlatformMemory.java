package de.nachruecker.load.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Resident set size (RSS, from {@code /proc/<pid>/status}) of a process tree: what the platform costs in RAM. */
public final class PlatformMemory {

    private PlatformMemory() {
    }

    /**
     * @param total  bytes of the launcher and all its descendants
     * @param byPart bytes per process, named after what it runs (a service jar, the broker, the database, the
     *               launcher)
     */
    public record Sample(long total, Map<String, Long> byPart) {

        public static Sample max(Sample a, Sample b) {
            return a == null || b.total > a.total ? b : a;
        }
    }

    static Sample sample(long rootPid) {
        Map<String, Long> byPart = new LinkedHashMap<>();
        ProcessHandle.of(rootPid).ifPresent(root -> Stream.concat(Stream.of(root), root.descendants())
                .forEach(process -> byPart.merge(partName(process), rssBytes(process.pid()), Long::sum)));
        return new Sample(byPart.values().stream().mapToLong(Long::longValue).sum(), byPart);
    }

    /** What a process of the platform runs: a service jar, the broker, the database, the stand-ins or the launcher. */
    static String partName(ProcessHandle process) {
        String command = process.info().commandLine().orElse("");
        for (String service : new String[] {"registration-service", "slot-service", "allocation-service",
                "notification-service"}) {
            if (command.contains(service + ".jar")) {
                return service;
            }
        }
        if (command.contains("kafka.Kafka")) {
            return "kafka broker";
        }
        if (command.contains("StandInsProcess")) {
            return "SMTP and SMS stand-in";
        }
        return command.contains("MongoProcess") ? "MongoDB-protocol server" : "launcher";
    }

    /** 0 for a process that ended meanwhile. */
    static long rssBytes(long pid) {
        Path status = Paths.get("/proc", Long.toString(pid), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
