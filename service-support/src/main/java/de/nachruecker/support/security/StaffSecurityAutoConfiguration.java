package de.nachruecker.support.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Staff sign-in for services that declare the security starters: configured users with hashed passwords, JWTs from
 * the identity provider when one is configured, the shared login page and centre-level access checks. A service
 * without staff (registration-service) sets {@code nachruecker.security.staff.enabled=false}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnClass({HttpSecurity.class, JwtDecoder.class})
@ConditionalOnProperty(name = "nachruecker.security.staff.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(StaffSecurityProperties.class)
public class StaffSecurityAutoConfiguration {

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

    /** Password sign-in against the configured users; a successful check is remembered for five minutes. */
    @Bean
    @ConditionalOnMissingBean(AuthenticationProvider.class)
    AuthenticationProvider staffPasswordSignIn(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider checks = new DaoAuthenticationProvider(users);
        checks.setPasswordEncoder(encoder);
        return new RememberedSignIns(checks, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /** The configured users. None configured means no password sign-in (production with an identity provider). */
    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    InMemoryUserDetailsManager staffUsers(StaffSecurityProperties properties) {
        List<UserDetails> users = properties.staffUsers().stream().map(StaffSecurityAutoConfiguration::user).toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
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
