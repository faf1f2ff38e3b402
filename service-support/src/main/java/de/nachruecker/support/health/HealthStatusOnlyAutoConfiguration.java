package de.nachruecker.support.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Anonymous {@code /actuator/health} says UP or DOWN only: no components (service-defaults.yml), and no group names
 * ({@link HealthGroupNamesHidden}). Configured after Boot's probes, so that among the post-processors of equal (lowest)
 * precedence this one comes last and sees the probe groups too.
 */
@AutoConfiguration(afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint."
        + "AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
public class HealthStatusOnlyAutoConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    static HealthEndpointGroupsPostProcessor healthGroupNamesHidden() {
        return new HealthGroupNamesHidden();
    }
}
