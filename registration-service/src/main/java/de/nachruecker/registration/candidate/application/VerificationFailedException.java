package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.candidate.model.VerificationAttempt;

/** The code did not verify the phone number. */
public class VerificationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient VerificationAttempt attempt;

    public VerificationFailedException(VerificationAttempt attempt) {
        super("verification failed: " + attempt.outcome());
        this.attempt = attempt;
    }

    public VerificationAttempt attempt() {
        return attempt;
    }
}
