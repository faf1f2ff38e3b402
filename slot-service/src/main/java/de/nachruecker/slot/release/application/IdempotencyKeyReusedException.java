package de.nachruecker.slot.release.application;

/** The idempotency key was used before for a different release: a client bug that must not publish anything. */
public class IdempotencyKeyReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String releaseId) {
        super("this Idempotency-Key was already used for release " + releaseId + " with different values");
    }
}
