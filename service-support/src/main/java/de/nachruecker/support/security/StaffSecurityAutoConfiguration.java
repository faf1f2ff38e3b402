package de.nachruecker.support.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Staff sign-in for services that declare the security starters: configured users with hashed passwords (throttled
 * after failed sign-ins), JWTs from the identity provider when one is configured, the management endpoints' chain,
 * the shared login page and centre-level access checks. A service without staff pages or API (registration-service)
 * sets {@code nachruecker.security.staff.enabled=false}: it keeps the sign-in for its management endpoints only.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnClass({HttpSecurity.class, JwtDecoder.class})
@EnableConfigurationProperties({StaffSecurityProperties.class, SignInThrottleProperties.class})
public class StaffSecurityAutoConfiguration {

    private static final String STAFF_ENABLED = "nachruecker.security.staff.enabled";

    @Bean
    CentreAccess centreAccess() {
        return new CentreAccess();
    }

    @Bean
    StaffSecurity staffSecurity(StaffSecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) {
        return new StaffSecurity(StaffJwtAuthorities.converter(properties.jwt()), jwtDecoder.getIfAvailable() != null);
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Failed sign-ins per account and client address; replace the bean to run it on another clock (tests). */
    @Bean
    @ConditionalOnMissingBean
    SignInThrottle signInThrottle(SignInThrottleProperties settings) {
        return new SignInThrottle(settings, Clock.systemUTC());
    }

    /**
     * Password sign-in against the configured users, behind the throttle; a successful check is remembered for five
     * minutes.
     */
    @Bean
    @ConditionalOnMissingBean(AuthenticationProvider.class)
    AuthenticationProvider staffPasswordSignIn(UserDetailsService users, PasswordEncoder encoder,
                                               SignInThrottle throttle, ObjectProvider<MeterRegistry> meters) {
        DaoAuthenticationProvider checks = new DaoAuthenticationProvider(users);
        checks.setPasswordEncoder(encoder);
        Predicate<String> known = name -> {
            try {
                return users.loadUserByUsername(name) != null;
            } catch (UsernameNotFoundException e) {
                return false;
            }
        };
        return new ThrottledSignIns(new RememberedSignIns(checks, Duration.ofMinutes(5), Clock.systemUTC()),
                throttle, known, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The management endpoints, ahead of every chain a service builds (see {@link StaffSecurity#management}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ManagementEndpoints {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain managementSecurity(HttpSecurity http, StaffSecurity staff) throws Exception {
            return staff.management(http).build();
        }
    }

    /** The configured users. None configured means no password sign-in (production with an identity provider). */
    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    InMemoryUserDetailsManager staffUsers(StaffSecurityProperties properties) {
        List<UserDetails> users = properties.staffUsers().stream().map(StaffSecurityAutoConfiguration::user).toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    @ConditionalOnProperty(name = STAFF_ENABLED, havingValue = "true", matchIfMissing = true)
    StaffLoginController staffLoginController() {
        return new StaffLoginController();
    }

    private static UserDetails user(StaffSecurityProperties.StaffUser user) {
        if (user.username() == null || user.username().isBlank()) {
            throw new IllegalStateException("nachruecker.security.staff-users: every user needs a username");
        }
        String password = user.password();
        if (password == null || !password.startsWith("{") || password.startsWith("{noop}")) {
            throw new IllegalStateException("nachruecker.security.staff-users: the password of " + user.username()
                    + " must be an encoded hash such as {bcrypt}$2a$…, never plain text");
        }
        if (user.roles().isEmpty()) {
            throw new IllegalStateException("nachruecker.security.staff-users: " + user.username() + " has no role");
        }
        String[] authorities = Stream.concat(
                        user.roles().stream().map(StaffRole::authority),
                        user.centres().stream().map(CentreAccess::centreAuthority))
                .toArray(String[]::new);
        return User.withUsername(user.username()).password(password).authorities(authorities).build();
    }
}
