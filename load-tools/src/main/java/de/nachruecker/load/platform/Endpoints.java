package de.nachruecker.load.platform;

/** Where the tools reach the platform: the four services, the SMS gateway stand-in and the Kafka broker. */
public record Endpoints(String registration, String slot, String allocation, String notification, String smsGateway,
                        String bootstrapServers) {

    /** The services' fixed local ports (the launcher does not move them) with the given broker and stand-in. */
    static Endpoints local(String bootstrapServers, String smsGateway) {
        return new Endpoints("http://localhost:8081", "http://localhost:8082", "http://localhost:8083",
                "http://localhost:8084", smsGateway, bootstrapServers);
    }
}
