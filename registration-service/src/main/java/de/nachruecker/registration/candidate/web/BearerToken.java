package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.UnknownAccessTokenException;
import de.nachruecker.registration.candidate.model.AccessToken;

import java.util.Locale;
import java.util.Optional;

/** Reads the access token from an {@code Authorization: Bearer <token>} header. */
final class BearerToken {

    private static final String PREFIX = "bearer ";

    private BearerToken() {
    }

    /** A token if the header carries one that could be ours; what it opens is decided by the use case. */
    static Optional<AccessToken> optional(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            return Optional.empty();
        }
        return AccessToken.parse(authorization.substring(PREFIX.length()).strip());
    }

    /** An absent, malformed or unknown token all look the same to the client. */
    static AccessToken from(String authorization) {
        return optional(authorization).orElseThrow(UnknownAccessTokenException::new);
    }
}
