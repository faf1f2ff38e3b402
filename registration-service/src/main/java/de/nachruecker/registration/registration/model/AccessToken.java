package de.nachruecker.registration.registration.model;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The citizen's key to their own registration (there are no accounts): 256 random bits, base64url. Handed out once;
 * only its {@link #hash()} is stored.
 */
public final class AccessToken {

    private static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    public static AccessToken generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A token as presented by a client; empty if it cannot be one we issued. */
    public static Optional<AccessToken> parse(String value) {
        return value != null && FORMAT.matcher(value).matches() ? Optional.of(new AccessToken(value)) : Optional.empty();
    }

    public String value() {
        return value;
    }

    public String hash() {
        return Sha256.hex(value);
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
