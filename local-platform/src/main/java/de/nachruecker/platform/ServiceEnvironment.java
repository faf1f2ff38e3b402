package de.nachruecker.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a service finds the rest of the platform, as the environment variables its configuration reads (profile
 * {@code local}: demo users, demo ops key, the stand-in SMS gateway's credentials).
 *
 * @param kafkaBootstrapServers every broker, comma-separated
 * @param topicReplicas         replication factor of the topics the services create (3 on a three-node cluster)
 * @param mongoPort             of the MongoDB-protocol server; each module gets a database of its name
 * @param registrationUrl       base of the answer links in offer messages
 */
public record ServiceEnvironment(String kafkaBootstrapServers, int topicReplicas, int mongoPort,
                                 int smtpPort, String smsBaseUrl, String registrationUrl) {

    /** The environment of an instance of {@code module}; instances of one module share its database. */
    public Map<String, String> of(String module) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("NACHRUECKER_TOPICS_REPLICAS", Integer.toString(topicReplicas));
        env.put("MONGODB_URI", FileBackedMongo.uri(mongoPort, module));
        env.put("SPRING_MAIL_HOST", "localhost");
        env.put("SPRING_MAIL_PORT", Integer.toString(smtpPort));
        env.put("NACHRUECKER_NOTIFICATION_SMS_BASE_URL", smsBaseUrl);
        env.put("NACHRUECKER_NOTIFICATION_ANSWER_BASE_URL", registrationUrl);
        // two cores serve no more than a few dozen requests at once; Tomcat's 200 threads only held memory under a
        // backlog (slot-service at 493 MB with 200 waiting releases) and took turns on the same cores
        env.put("SERVER_TOMCAT_THREADS_MAX", "32");
        return env;
    }
}
