package de.nachruecker.notification.config;

import de.nachruecker.support.security.StaffSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what the service sends: delivery status and the local outbox are for ops and admins only (centre
 * operators do not need other centres' message traffic, and citizens never read this service). Everything not
 * listed is refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String[] WATCHERS = {"OPS", "ADMIN"};

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, StaffSecurity staff) throws Exception {
        return staff.api(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/deliveries/*", "/api/outbox").hasAnyRole(WATCHERS)
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffSecurity staff) throws Exception {
        return staff.pages(http)
                .authorizeHttpRequests(requests -> requests
                        // the OpenAPI document in YAML is as public as the JSON one the shared paths open
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs.yaml").permitAll()
                        .requestMatchers(HttpMethod.GET, "/outbox").hasAnyRole(WATCHERS)
                        .anyRequest().denyAll())
                .build();
    }
}
