package de.nachruecker.registration.candidate.model;

import java.time.Instant;

/** No new verification code is sent. */
public class CodeRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason { ALREADY_VERIFIED, TOO_SOON, LIMIT_REACHED }

    private final Reason reason;
    private final transient Instant nextPossibleAt;

    public CodeRefusedException(Reason reason, Instant nextPossibleAt) {
        super("no new verification code: " + reason);
        this.reason = reason;
        this.nextPossibleAt = nextPossibleAt;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#TOO_SOON}: when a new code can be requested; otherwise {@code null}. */
    public Instant nextPossibleAt() {
        return nextPossibleAt;
    }
}
