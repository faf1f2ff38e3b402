package de.nachruecker.platform;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Command-line options, each with an environment variable and a default. */
record LocalPlatformOptions(Path dataDir, Path home, int kafkaPort, int mongoPort, int smtpPort, int smsPort,
                            ServicePorts servicePorts, boolean fresh, int brokers, int allocationInstances,
                            Duration storeCompactionInterval, Duration storeFsyncInterval, Jit jit) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    LocalPlatformOptions {
        if (brokers < 1 || allocationInstances < 1) {
            throw new IllegalArgumentException("--brokers and --allocation-instances must be at least 1");
        }
        if (storeCompactionInterval.isNegative() || storeCompactionInterval.toMillis() < 1) {
            throw new IllegalArgumentException("--store-compaction-interval must be at least 1 ms");
        }
        if (storeFsyncInterval.isNegative()) {
            throw new IllegalArgumentException("--store-fsync must be commit or a positive duration");
        }
        servicePorts.all(allocationInstances); // refuses instances that would not fit above the base
    }

    static LocalPlatformOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        boolean fresh = false;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + " (expected --name=value or --fresh)");
            }
        }
        return new LocalPlatformOptions(
                Paths.get(value(given, env, "data-dir", ".local-platform")),
                Paths.get(value(given, env, "home", ".")),
                Integer.parseInt(value(given, env, "kafka-port", "9092")),
                Integer.parseInt(value(given, env, "mongo-port", "27017")),
                Integer.parseInt(value(given, env, "smtp-port", "3025")),
                Integer.parseInt(value(given, env, "sms-port", "8089")),
                new ServicePorts(Integer.parseInt(value(given, env, "service-port-base",
                        Integer.toString(ServicePorts.DEFAULT_BASE)))),
                fresh,
                Integer.parseInt(value(given, env, "brokers", "1")),
                Integer.parseInt(value(given, env, "allocation-instances", "1")),
                duration("store-compaction-interval", value(given, env, "store-compaction-interval", "15m")),
                fsync(value(given, env, "store-fsync", "commit")),
                Jit.parse(value(given, env, "jit", "c2")));
    }

    /** {@code commit}: every commit fsynced before it is acknowledged (zero); otherwise the interval of the fsync. */
    private static Duration fsync(String text) {
        return text.equals("commit") ? Duration.ZERO : duration("store-fsync", text);
    }

    /** ISO-8601 ({@code PT10S}) or a number with a unit: {@code 500ms}, {@code 10s}, {@code 15m}, {@code 2h}, {@code 1d}. */
    static Duration duration(String option, String text) {
        Matcher shortForm = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + option + "=" + text
                    + ": expected an ISO-8601 duration (PT15M) or a number with ms, s, m, h or d (15m)");
        }
    }

    /** {@code --kafka-port=…} wins over {@code PLATFORM_KAFKA_PORT}, which wins over the default. */
    private static String value(Map<String, String> given, Map<String, String> env, String name, String fallback) {
        String fromEnv = env.get("PLATFORM_" + name.toUpperCase().replace('-', '_'));
        return given.getOrDefault(name, fromEnv != null ? fromEnv : fallback);
    }
}
