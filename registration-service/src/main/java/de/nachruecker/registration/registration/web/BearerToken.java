package de.nachruecker.registration.registration.web;

import de.nachruecker.registration.registration.application.UnknownAccessTokenException;
import de.nachruecker.registration.registration.model.AccessToken;

import java.util.Locale;

/** Reads the access token from an {@code Authorization: Bearer <token>} header. */
final class BearerToken {

    private static final String PREFIX = "bearer ";

    private BearerToken() {
    }

    /** An absent, malformed or unknown token all look the same to the client. */
    static AccessToken from(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new UnknownAccessTokenException();
        }
        return AccessToken.parse(authorization.substring(PREFIX.length()).strip())
                .orElseThrow(UnknownAccessTokenException::new);
    }
}
