package de.nachruecker.load;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Command-line options of the form {@code --name=value} or {@code --flag}; unknown names are refused. */
public final class ToolOptions {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> read = new HashSet<>();

    private ToolOptions() {
    }

    public static ToolOptions parse(String... args) {
        ToolOptions options = new ToolOptions();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("options look like --name=value, not: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                options.values.put(arg.substring(2), "true");
            } else {
                options.values.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        return options;
    }

    public String text(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        read.add(name);
        return values.containsKey(name);
    }

    public int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    public Path path(String name, String fallback) {
        return Paths.get(text(name, fallback)).toAbsolutePath().normalize();
    }

    /** ISO-8601 ({@code PT30S}) or seconds. */
    public Duration duration(String name, Duration fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        return value.startsWith("P") ? Duration.parse(value) : Duration.ofSeconds(Long.parseLong(value));
    }

    /** Call after every option was read: a typing error in a name must not silently run the default. */
    public void refuseUnknown() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown);
        }
    }
}
