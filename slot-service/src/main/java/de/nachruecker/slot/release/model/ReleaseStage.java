package de.nachruecker.slot.release.model;

/**
 * Where a release stands as an operator sees it ({@link Release#stage}): the stored {@link ReleaseStatus} only says
 * whether the operator withdrew it; whether its doses went out is the allocation's feedback in the {@link Fill}, and
 * whether their time ran out is the clock's.
 */
public enum ReleaseStage {
    /** Published, doses still being offered. */
    PUBLISHED,
    /** Every dose confirmed to a candidate. */
    FILLED,
    /** Usable-until passed (or the allocation reported doses wasted) before every dose was confirmed. */
    EXPIRED,
    /** Taken back by the operator. */
    WITHDRAWN
}
