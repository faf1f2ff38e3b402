package de.nachruecker.slot.release.model;

/** Where a release stands. Later stages (filled, expired) come with the allocation feedback. */
public enum ReleaseStatus {
    /** Offered to candidates; can still be corrected or withdrawn. */
    PUBLISHED,
    /** Taken back by the operator: no further offers, no corrections. */
    WITHDRAWN
}
