package de.nachruecker.platform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a launched platform listens: the four services (from their base port), the Kafka broker (its controller one
 * port above), the MongoDB-protocol server, the SMTP server and the SMS gateway stand-in — and the launcher options
 * that put them there.
 */
public record PlatformEndpoints(ServicePorts services, int kafkaPort, int mongoPort, int smtpPort, int smsPort) {

    /**
     * Ports nothing listens on now, the services' below the ephemeral range: next to any other platform. Each port is
     * distinct from the others, since the operating system may hand out a port it just gave back.
     */
    public static PlatformEndpoints free() {
        ServicePorts services = ServicePorts.free(1);
        Set<Integer> taken = new HashSet<>(services.all(1));
        int kafkaPort = freeKafkaPort(taken);
        taken.addAll(List.of(kafkaPort, kafkaPort + 1));
        int mongoPort = Ports.freeOtherThan(taken);
        taken.add(mongoPort);
        int smtpPort = Ports.freeOtherThan(taken);
        taken.add(smtpPort);
        return new PlatformEndpoints(services, kafkaPort, mongoPort, smtpPort, Ports.freeOtherThan(taken));
    }

    /** The README's defaults, e.g. to attach to a platform a developer started without options. */
    public static PlatformEndpoints defaults() {
        return new PlatformEndpoints(new ServicePorts(ServicePorts.DEFAULT_BASE), 9092, 27017, 3025, 8089);
    }

    public String registrationUrl() {
        return url(ServicePorts.REGISTRATION);
    }

    public String slotUrl() {
        return url(ServicePorts.SLOT);
    }

    public String allocationUrl() {
        return url(ServicePorts.ALLOCATION);
    }

    public String notificationUrl() {
        return url(ServicePorts.NOTIFICATION);
    }

    /** The base URL of a service module, e.g. {@code http://localhost:8081} for registration-service. */
    public String url(String module) {
        return "http://localhost:" + services.of(module);
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    /** The server, without a database: for a client that looks into every service's database. */
    public String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    public String smsGatewayUrl() {
        return "http://localhost:" + smsPort;
    }

    /** What the stand-in received ({@code ?since=N} from the N-th on). */
    public String smsMessagesUrl() {
        return smsGatewayUrl() + "/messages";
    }

    /** The voice stand-in's calls (same server as the SMS stand-in); {@code /calls/{sid}/digits} presses a key. */
    public String voiceCallsUrl() {
        return smsGatewayUrl() + "/calls";
    }

    /** Every port the platform listens on while it runs. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(services.all(1));
        ports.addAll(List.of(kafkaPort, kafkaPort + 1, mongoPort, smtpPort, smsPort));
        return ports;
    }

    /** The launcher options that place the platform on these ports. */
    List<String> launcherOptions() {
        return List.of("--service-port-base=" + services.base(), "--kafka-port=" + kafkaPort,
                "--mongo-port=" + mongoPort, "--smtp-port=" + smtpPort, "--sms-port=" + smsPort);
    }

    private static int freeKafkaPort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = Ports.freeOtherThan(taken);
            if (port < 65_535 && !taken.contains(port + 1) && Ports.isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two free ports in a row for the Kafka broker and its controller");
    }
}
