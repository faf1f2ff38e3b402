package de.nachruecker.support.testing;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Base of the integration tests that run a service against the real {@code apache/kafka} and {@code mongo} images
 * of the compose stack; skipped (reported as such) where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
public abstract class RealImages {

    @Container
    protected static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

    @Container
    @ServiceConnection
    protected static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    /** Set as a property because the Stream binder reads the broker address from there. */
    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }
}
