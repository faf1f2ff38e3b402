package de.nachruecker.support.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Password sign-in (HTTP Basic and the login form alike) behind the {@link SignInThrottle}: during a back-off the
 * attempt is refused before the password is looked at; a wrong password is counted, logged as one WARN line (account
 * and client address, never the password) and counted as {@code staff.sign-in.failures}.
 */
final class ThrottledSignIns implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledSignIns.class);
    private static final String UNKNOWN = "unknown";

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final Predicate<String> knownAccount;
    private final Counter failures;
    private final Map<SignInThrottle.Scope, Counter> refusals = new EnumMap<>(SignInThrottle.Scope.class);

    /**
     * @param knownAccount whether a name is a configured account: unknown names are not logged (a password typed into
     *                     the name field must not reach the log)
     */
    ThrottledSignIns(AuthenticationProvider passwords, SignInThrottle throttle, Predicate<String> knownAccount,
                     MeterRegistry meters) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.knownAccount = knownAccount;
        this.failures = Counter.builder("staff.sign-in.failures")
                .description("Staff sign-ins with a wrong user name or password (HTTP Basic and login form)")
                .register(meters);
        for (SignInThrottle.Scope scope : SignInThrottle.Scope.values()) {
            refusals.put(scope, Counter.builder("staff.sign-in.throttled")
                    .description("Staff sign-ins refused unchecked during a back-off after failed sign-ins, by "
                            + "whether the account or the client address was backing off")
                    .tag("by", scope.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String account = attempt.getName();
        String address = address(attempt);
        Optional<SignInThrottle.BackOff> backOff = throttle.backOff(account, address);
        if (backOff.isPresent()) {
            refusals.get(backOff.get().scope()).increment();
            throw new SignInThrottledException(backOff.get().remaining());
        }
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            int inARow = throttle.failed(account, address);
            failures.increment();
            log.warn("staff sign-in failed: account {} from {} ({} failed in a row)",
                    knownAccount.test(account) ? account : "(unknown account)", address, inARow);
            throw e;
        }
        if (result != null && result.isAuthenticated()) {
            throttle.succeeded(account);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : UNKNOWN;
    }
}
