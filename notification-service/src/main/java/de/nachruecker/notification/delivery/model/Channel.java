package de.nachruecker.notification.delivery.model;

/** The ways to reach a candidate, in order of preference: an SMS is read within minutes, an email maybe not. */
public enum Channel {
    SMS,
    EMAIL
}
