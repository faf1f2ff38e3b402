package de.nachruecker.registration.offer.model;

/** How the allocation service closed an offer. */
public enum Closing {
    CONFIRMED, REJECTED_TOO_LATE, DECLINED, EXPIRED
}
