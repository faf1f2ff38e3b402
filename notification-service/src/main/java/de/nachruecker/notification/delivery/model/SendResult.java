package de.nachruecker.notification.delivery.model;

/**
 * What the SMS gateway or mail server answered.
 *
 * @param detail for failures a short machine-readable cause without personal data, e.g. {@code sms-http-503}
 */
public record SendResult(Outcome outcome, String detail) {

    public enum Outcome {
        SENT,
        /** Worth trying again later on the same channel: server busy, rate limited, network down. */
        TRANSIENT_FAILURE,
        /** This channel will not work for this contact: invalid number or address, rejected. */
        PERMANENT_FAILURE
    }

    public static SendResult sent() {
        return new SendResult(Outcome.SENT, null);
    }

    public static SendResult transientFailure(String detail) {
        return new SendResult(Outcome.TRANSIENT_FAILURE, detail);
    }

    public static SendResult permanentFailure(String detail) {
        return new SendResult(Outcome.PERMANENT_FAILURE, detail);
    }

    public boolean isSent() {
        return outcome == Outcome.SENT;
    }

    public boolean isTransient() {
        return outcome == Outcome.TRANSIENT_FAILURE;
    }
}
