package de.nachruecker.platform;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/** Command-line options, each with an environment variable and a default. */
record LocalPlatformOptions(Path dataDir, Path home, int kafkaPort, int mongoPort, int smtpPort, int smsPort,
                            ServicePorts servicePorts, boolean fresh, int brokers, int allocationInstances) {

    LocalPlatformOptions {
        if (brokers < 1 || allocationInstances < 1) {
            throw new IllegalArgumentException("--brokers and --allocation-instances must be at least 1");
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
                Integer.parseInt(value(given, env, "allocation-instances", "1")));
    }

    /** {@code --kafka-port=…} wins over {@code PLATFORM_KAFKA_PORT}, which wins over the default. */
    private static String value(Map<String, String> given, Map<String, String> env, String name, String fallback) {
        String fromEnv = env.get("PLATFORM_" + name.toUpperCase().replace('-', '_'));
        return given.getOrDefault(name, fromEnv != null ? fromEnv : fallback);
    }
}
