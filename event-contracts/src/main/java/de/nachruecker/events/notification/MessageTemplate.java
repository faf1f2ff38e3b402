package de.nachruecker.events.notification;

/** The messages a citizen can receive. Texts live in the notification service, per language. */
public enum MessageTemplate {
    /** A dose is offered: centre, address, window, answer deadline, link to answer. */
    OFFER,
    /** The dose is confirmed: what to bring, when to arrive. */
    CONFIRMATION,
    /** The answer came after the last dose was taken: the candidate keeps their place. */
    TOO_LATE,
    /** Code to verify the phone number at registration. */
    VERIFICATION_CODE,
    /** Receipt for a withdrawal: the data has been erased. */
    WITHDRAWAL_RECEIPT,
    /** The personal access code, at the citizen's request, by SMS only (parameter {@code accessCode}). */
    ACCESS_CODE_BY_SMS,
    /** The personal access code, at the citizen's request, by email only (parameter {@code accessCode}). */
    ACCESS_CODE_BY_EMAIL
}
