package de.nachruecker.registration.candidate.model;

import de.nachruecker.registration.shared.model.Sha256;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The citizen's key to their own registration (there are no accounts). Handed out once; only its {@link #hash()} is
 * stored. People copy it by hand, read it out on the phone, type it on a phone keyboard: so it is 28 characters of
 * Crockford's base32 (digits and capitals without I, L, O and U), 140 random bits, shown in groups of four
 * ({@link #grouped()}). Typed back, spaces, dashes and case do not matter, and O, I and L are read as 0, 1 and 1.
 * <p>
 * Tokens issued before (43 characters of base64url, 256 bits) stay valid: their hash is what is stored, and they are
 * recognised by their form, which a new code never has.
 */
public final class AccessToken {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 28;
    static final int GROUP = 4;
    private static final Pattern CANONICAL = Pattern.compile("[0-9A-HJKMNP-TV-Z]{" + LENGTH + "}");
    private static final Pattern LEGACY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-]+");

    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /** 28 symbols of 5 bits each, every one drawn uniformly by {@code random}: 140 bits. */
    public static AccessToken generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new AccessToken(code.toString());
    }

    /** A token as presented by a client (typed, pasted, in a header); empty if it cannot be one we issued. */
    public static Optional<AccessToken> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String stripped = value.strip();
        if (LEGACY.matcher(stripped).matches()) {
            return Optional.of(new AccessToken(stripped));
        }
        String canonical = SEPARATORS.matcher(stripped).replaceAll("").toUpperCase(Locale.ROOT)
                .replace('O', '0').replace('I', '1').replace('L', '1');
        return CANONICAL.matcher(canonical).matches() ? Optional.of(new AccessToken(canonical)) : Optional.empty();
    }

    /** The canonical form: what the API hands out and takes in a header, and what is hashed. */
    public String value() {
        return value;
    }

    /** For people: groups of four separated by spaces ("7KQM 3XDA …"); a token from before is shown as it is. */
    public String grouped() {
        if (value.length() != LENGTH) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < LENGTH; i += GROUP) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(value, i, i + GROUP);
        }
        return out.toString();
    }

    public String hash() {
        return Sha256.hex(value);
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
