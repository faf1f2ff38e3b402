package de.nachruecker.allocation.it;

import de.nachruecker.support.testing.TestIdentityProvider;

import java.nio.file.Path;
import java.util.List;

/**
 * The identity provider of the allocation ITs: one key pair per run, its public key written to
 * {@link #PUBLIC_KEY_LOCATION} (a constant, so that test annotations can name it) before a Spring context reads it.
 */
final class StaffTokens {

    static final String PUBLIC_KEY_LOCATION = "file:target/it-staff-jwt-public.pem";
    private static final TestIdentityProvider IDENTITY_PROVIDER = TestIdentityProvider.create();

    static {
        IDENTITY_PROVIDER.writePublicKey(Path.of(PUBLIC_KEY_LOCATION.substring("file:".length())));
    }

    private StaffTokens() {
    }

    /** A token as the identity provider would issue it, valid for ten minutes (real time: the validator's clock). */
    static String token(String user, List<String> roles, List<String> centres) {
        return IDENTITY_PROVIDER.token(user, roles, centres);
    }

    /** Loads the class, and so writes the key, before a Spring context reads the location. */
    static void ensurePublicKeyWritten() {
        // the static initialiser has run by now
    }
}
