package de.nachruecker.registration.candidate.model;

/**
 * What entering a code did.
 *
 * @param next         the state to store, {@code null} if nothing changed
 * @param attemptsLeft wrong entries still allowed for the current code
 */
public record VerificationAttempt(Registration next, Outcome outcome, int attemptsLeft) {

    public enum Outcome { VERIFIED, ALREADY_VERIFIED, WRONG_CODE, EXPIRED, TOO_MANY_ATTEMPTS }

    public boolean succeeded() {
        return outcome == Outcome.VERIFIED || outcome == Outcome.ALREADY_VERIFIED;
    }
}
