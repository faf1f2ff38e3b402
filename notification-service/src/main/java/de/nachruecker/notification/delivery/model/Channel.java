package de.nachruecker.notification.delivery.model;

/**
 * The ways to reach a candidate, in order of preference: an SMS is read within minutes, an email maybe not. A phone
 * number takes either SMS (a mobile) or calls (a landline, {@link #VOICE}), never both.
 */
public enum Channel {
    SMS,
    /** A call that reads the message aloud; the only phone channel of a landline. */
    VOICE,
    EMAIL
}
