package de.nachruecker.events.candidate;

/** What a candidate's phone number can receive: the notification service texts a mobile and calls a landline. */
public enum PhoneKind {
    /** Receives SMS. */
    MOBILE,
    /** Receives only voice calls: offers and codes are read aloud. */
    LANDLINE
}
