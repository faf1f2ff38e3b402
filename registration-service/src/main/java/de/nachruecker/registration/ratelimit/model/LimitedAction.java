package de.nachruecker.registration.ratelimit.model;

/** What a client may do only so often: each costs an SMS, or guesses at a secret. */
public enum LimitedAction {
    /** Register (sends the first verification SMS). */
    REGISTER,
    /** Ask for a new verification code (sends an SMS). */
    SEND_CODE,
    /** Enter a verification code. */
    VERIFY,
    /** Answer an offer with the token from its link. */
    ANSWER,
    /** Sign in on the pages with the personal access code. */
    SIGN_IN
}
