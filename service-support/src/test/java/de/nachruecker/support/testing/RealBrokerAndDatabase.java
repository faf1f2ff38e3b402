package de.nachruecker.support.testing;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a service's integration test runs against: a real Kafka broker ({@code @EmbeddedKafka}, one partition per
 * topic, so a test reads exactly what was published after it started, in order) and the MongoDB-protocol server
 * ({@link EmbeddedMongo}, one per test JVM).
 *
 * <p>The one pattern for integration tests in every service: put this annotation first, then
 * {@code @SpringBootTest(properties = …)}, on the service's abstract base class (registration-service
 * {@code IntegrationTestBase}, slot-service {@code SlotServiceTestBase}, allocation-service
 * {@code AllocationIntegrationTest}), so that all its tests share one cached application context. A test that needs
 * other properties (tight rate limits, another profile) carries both annotations itself and gets a context of its
 * own; keep those few, every context costs start-up time in CI.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedMongo.class)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 1)
public @interface RealBrokerAndDatabase {
}
