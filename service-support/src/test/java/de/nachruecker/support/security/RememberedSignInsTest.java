package de.nachruecker.support.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import de.nachruecker.support.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RememberedSignInsTest {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private final AtomicInteger lookups = new AtomicInteger();
    private final MutableClock clock = MutableClock.at(Instant.parse("2021-05-03T10:00:00Z"));
    private final RememberedSignIns signIns = new RememberedSignIns(checks(), Duration.ofMinutes(5), clock);

    @Test
    void aRepeatedSignInIsCheckedByBcryptOnceWithinTheRememberedTime() {
        Authentication first = signIns.authenticate(attempt("ops", "secret"));
        Authentication again = signIns.authenticate(attempt("ops", "secret"));

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(again.getName()).isEqualTo("ops");
        assertThat(again.getAuthorities()).extracting(Object::toString).contains("ROLE_OPS");
        assertThat(lookups).hasValue(1);

        clock.advance(Duration.ofMinutes(5));
        signIns.authenticate(attempt("ops", "secret"));
        assertThat(lookups).as("checked again once the time is over").hasValue(2);
    }

    @Test
    void aWrongPasswordIsNeverServedFromMemory() {
        signIns.authenticate(attempt("ops", "secret"));

        assertThatThrownBy(() -> signIns.authenticate(attempt("ops", "Secret")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIns.authenticate(attempt("ops", "Secret")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(lookups).as("every wrong attempt meets the real check").hasValue(3);
    }

    @Test
    void theSamePasswordOfAnotherNameIsCheckedOnItsOwn() {
        signIns.authenticate(attempt("ops", "secret"));

        assertThatThrownBy(() -> signIns.authenticate(attempt("admin", "secret")))
                .isInstanceOf(BadCredentialsException.class);
    }

    private DaoAuthenticationProvider checks() {
        UserDetails ops = User.withUsername("ops").password("{bcrypt}" + BCRYPT.encode("secret")).roles("OPS").build();
        UserDetails admin = User.withUsername("admin").password("{bcrypt}" + BCRYPT.encode("other")).roles("ADMIN")
                .build();
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(ops, admin);
        UserDetailsService counting = name -> {
            lookups.incrementAndGet();
            return users.loadUserByUsername(name);
        };
        return new DaoAuthenticationProvider(counting);
    }

    private static UsernamePasswordAuthenticationToken attempt(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
