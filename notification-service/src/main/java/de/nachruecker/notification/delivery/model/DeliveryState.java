package de.nachruecker.notification.delivery.model;

public enum DeliveryState {
    /** Waiting for its next attempt (or for the contact to arrive). */
    PENDING,
    /** Claimed by a worker under a lease; when the lease runs out another worker takes it over. */
    SENDING,
    SENT,
    FAILED;

    public boolean isFinal() {
        return this == SENT || this == FAILED;
    }
}
