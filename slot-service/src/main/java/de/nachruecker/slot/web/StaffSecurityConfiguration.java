package de.nachruecker.slot.web;

import de.nachruecker.support.security.StaffRole;
import de.nachruecker.support.security.StaffSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.util.Arrays;

/**
 * Staff only, everywhere but the public paths: the JSON API by HTTP Basic or bearer JWT, the pages by form login.
 * Which centre's releases a user may read or change is checked per release (ReleaseAccess), not here.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfiguration {

    /** Every role of people; the scrape-only account (MONITORING) has no business on the API or the pages. */
    private static final String[] STAFF = Arrays.stream(StaffRole.values()).filter(role -> role != StaffRole.MONITORING)
            .map(Enum::name).toArray(String[]::new);

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, StaffSecurity staff) throws Exception {
        staff.api(http).authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(STAFF));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, StaffSecurity staff) throws Exception {
        staff.pages(http).authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole(STAFF));
        return http.build();
    }
}
