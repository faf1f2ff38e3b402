package de.nachruecker.platform;

import java.util.List;
import java.util.Locale;

/**
 * Which JIT compilers the hot processes (the four services and the database server) run with: {@code --jit=c2}
 * (default, both tiers) or {@code --jit=c1}. C2 compiles the hot paths to much faster code at the price of compiler
 * threads and a larger code cache (more resident memory per JVM); C1 alone starts faster and stays smaller. Issue 17
 * put throughput first, so C2 is the default and {@code --jit=c1} is the one setting that trades it back.
 */
public enum Jit {

    C1(List.of("-XX:TieredStopAtLevel=1")),
    C2(List.of());

    private final List<String> jvmOptions;

    Jit(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    /** The JVM options that select it. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    static Jit parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "c1" -> C1;
            case "c2" -> C2;
            default -> throw new IllegalArgumentException("--jit=" + text + ": expected c1 or c2");
        };
    }
}
