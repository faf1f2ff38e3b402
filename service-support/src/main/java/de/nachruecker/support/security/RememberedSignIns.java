package de.nachruecker.support.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers successful password sign-ins for a short time. A bcrypt check costs tens of milliseconds of CPU by
 * design, and an API client using HTTP Basic sends its password with every request: at 100 requests a second that
 * alone would need more than two cores. Entries are keyed by a salted SHA-256 of name and password, so the memory
 * holds no password; a wrong password is never served from here and always meets bcrypt.
 */
final class RememberedSignIns implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider passwords;
    private final Duration remembered;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> signIns = new ConcurrentHashMap<>();

    private record Remembered(Authentication authentication, Instant until) {
    }

    RememberedSignIns(AuthenticationProvider passwords, Duration remembered, Clock clock) {
        this.passwords = passwords;
        this.remembered = remembered;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        if (!(attempt.getCredentials() instanceof String password)) {
            return passwords.authenticate(attempt);
        }
        String key = key(attempt.getName(), password);
        Instant now = clock.instant();
        Remembered known = signIns.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known.authentication();
        }
        Authentication result = passwords.authenticate(attempt);
        if (result != null && result.isAuthenticated()) {
            if (signIns.size() >= MAX_ENTRIES) {
                signIns.clear(); // a flood of distinct sign-ins: start over rather than grow
            }
            signIns.put(key, new Remembered(result, now.plus(remembered)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication)
                && passwords.supports(authentication);
    }

    private String key(String name, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
