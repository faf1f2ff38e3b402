package de.nachruecker.load;

import de.nachruecker.load.platform.PlatformMemory;
import de.nachruecker.load.stats.LatencySummary;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Markdown lines for docs/benchmarks.md, printed to standard output. */
public final class MarkdownReport {

    private final StringBuilder text = new StringBuilder();

    public MarkdownReport line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
        return this;
    }

    /** A table row; a sample that never arrived within the run counts as infinitely late and shows as "> run". */
    public MarkdownReport latency(String what, LatencySummary summary) {
        return line("| %s | %d | %s | %s | %s | %s |", what, summary.count(), cell(summary.p50()),
                cell(summary.p90()), cell(summary.p99()), cell(summary.max()));
    }

    private static String cell(double millis) {
        return Double.isInfinite(millis) ? "> run" : String.format(Locale.ROOT, "%.1f", millis);
    }

    public MarkdownReport memory(String when, Optional<PlatformMemory.Sample> sample) {
        if (sample.isEmpty()) {
            return line("- memory %s: not measured (attached without --platform-pid)", when);
        }
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<String, Long> part : sample.get().byPart().entrySet()) {
            parts.append(String.format(Locale.ROOT, "%s %d MB, ", part.getKey(), part.getValue() >> 20));
        }
        return line("- memory %s: **%d MB** RSS in total (%s)", when, sample.get().total() >> 20,
                parts.substring(0, Math.max(0, parts.length() - 2)));
    }

    public void print() {
        System.out.println();
        System.out.print(text);
    }
}
