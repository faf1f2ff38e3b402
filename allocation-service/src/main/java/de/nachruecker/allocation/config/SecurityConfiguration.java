package de.nachruecker.allocation.config;

import de.nachruecker.support.security.StaffSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what in the allocation service. Rules and the ops page are for ops and admins; a release's status and
 * audit trail also for the operators of its centre, which the controller checks per release ({@code CentreAccess}).
 * Everything not listed is refused.
 */
@Configuration
public class SecurityConfiguration {

    private static final String OPS = "OPS";
    private static final String ADMIN = "ADMIN";
    private static final String OPERATOR = "OPERATOR";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, StaffSecurity staff) throws Exception {
        return staff.api(http).authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/ops/rules").hasAnyRole(OPS, ADMIN)
                        .requestMatchers(HttpMethod.PUT, "/api/ops/rules").hasAnyRole(OPS, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/ops/releases/*", "/api/ops/releases/*/audit")
                        .hasAnyRole(OPERATOR, OPS, ADMIN)
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, StaffSecurity staff) throws Exception {
        return staff.pages(http).authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/ops").hasAnyRole(OPS, ADMIN)
                        .anyRequest().denyAll())
                .build();
    }
}
