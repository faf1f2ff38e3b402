package de.nachruecker.load.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from {@code /proc/<pid>/stat}) of every process of the platform and of this tool, so a
 * benchmark can say what each process spent on its load: two samples, and the difference divided by the work done.
 */
public final class PlatformCpu {

    /** The name this tool's own process has in a sample. */
    public static final String LOAD_TOOL = "load tool (this JVM)";
    /** Linux reports CPU time in clock ticks of USER_HZ, 100 on every common kernel build. */
    private static final double MILLIS_PER_TICK = 10;

    private PlatformCpu() {
    }

    /** Milliseconds of CPU so far, by part (processes of one part summed), the load tool last. */
    static Map<String, Double> sample(long rootPid) {
        Map<String, Double> byPart = new LinkedHashMap<>();
        ProcessHandle.of(rootPid).ifPresent(root -> Stream.concat(Stream.of(root), root.descendants())
                .forEach(process -> byPart.merge(PlatformMemory.partName(process), cpuMillis(process.pid()),
                        Double::sum)));
        byPart.put(LOAD_TOOL, cpuMillis(ProcessHandle.current().pid()));
        return byPart;
    }

    /** The CPU each part spent between two samples (a part missing in the first counts from zero). */
    public static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((part, millis) -> spent.put(part, millis - before.getOrDefault(part, 0.0)));
        return spent;
    }

    /** 0 for a process that ended meanwhile. */
    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may hold spaces: fields count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            // ended meanwhile, or a line this parser does not know
            return 0;
        }
    }
}
