package de.nachruecker.registration.candidate.application;

/** No registration has this access token; deliberately says nothing more. */
public class UnknownAccessTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownAccessTokenException() {
        super("unknown access token");
    }
}
