package de.nachruecker.events.notification;

/** How a notification reached (or failed to reach) the candidate. */
public enum NotificationChannel {
    SMS,
    EMAIL,
    /** A voice call that reads the message aloud (landlines). */
    VOICE
}
