package de.nachruecker.load.platform;

import de.nachruecker.platform.PlatformEndpoints;
import de.nachruecker.platform.ServicePorts;

/**
 * Where the tools reach the platform: the four services, the SMS gateway stand-in, the Kafka broker and the database
 * server (whose key vault gets the data keys of seeded candidates).
 */
public record Endpoints(String registration, String slot, String allocation, String notification, String smsGateway,
                        String bootstrapServers, String mongoUri) {

    /** A platform the tool started, or one to attach to. */
    static Endpoints of(PlatformEndpoints platform) {
        return new Endpoints(platform.registrationUrl(), platform.slotUrl(), platform.allocationUrl(),
                platform.notificationUrl(), platform.smsGatewayUrl(), platform.kafkaBootstrapServers(),
                platform.mongoUri());
    }

    /** A running platform's services from their base port, with the given broker, database server and stand-in. */
    static Endpoints attached(int servicePortBase, String bootstrapServers, String mongoUri, String smsGateway) {
        Endpoints services = of(new PlatformEndpoints(new ServicePorts(servicePortBase), 0, 0, 0, 0));
        return new Endpoints(services.registration(), services.slot(), services.allocation(), services.notification(),
                smsGateway, bootstrapServers, mongoUri);
    }
}
