package de.nachruecker.registration.candidate.application;

/** The registration kept changing under us; the client may simply try again. */
public class ConcurrentChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String candidateId) {
        super("registration " + candidateId + " changed concurrently");
    }
}
