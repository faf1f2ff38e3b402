package de.nachruecker.slot.release.model;

/**
 * What the operator did with a release: published it, or withdrew it. Whether it filled or expired is not stored
 * here but derived from the allocation's feedback and the clock ({@link Release#stage}).
 */
public enum ReleaseStatus {
    /** Offered to candidates; can still be corrected or withdrawn. */
    PUBLISHED,
    /** Taken back by the operator: no further offers, no corrections. */
    WITHDRAWN
}
