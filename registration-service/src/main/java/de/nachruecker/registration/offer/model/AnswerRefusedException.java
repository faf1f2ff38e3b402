package de.nachruecker.registration.offer.model;

/** An answer that cannot be taken; the reason never tells whether an offer exists for some other token. */
public class AnswerRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** No offer has this token (or the input is not a token at all). */
        UNKNOWN,
        /** The offer was answered already: a token is valid once. */
        USED,
        /** The answer deadline passed or the offer was closed without an answer. */
        EXPIRED
    }

    private final Reason reason;

    public AnswerRefusedException(Reason reason) {
        super("answer refused: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
