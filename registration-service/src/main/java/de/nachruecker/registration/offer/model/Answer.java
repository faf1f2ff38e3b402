package de.nachruecker.registration.offer.model;

/** What a citizen can answer to an offer. */
public enum Answer {
    ACCEPT, DECLINE
}
