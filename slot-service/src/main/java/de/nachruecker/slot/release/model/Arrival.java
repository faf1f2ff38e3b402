package de.nachruecker.slot.release.model;

/** What the operator recorded when a confirmed appointment came. */
public enum Arrival {
    /** The candidate came and was vaccinated. */
    VACCINATED,
    /** The candidate did not come; the dose is free again. */
    MISSED
}
