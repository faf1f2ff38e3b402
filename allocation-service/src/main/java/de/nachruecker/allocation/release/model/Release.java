package de.nachruecker.allocation.release.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Freed doses at a centre and how far their allocation has come.
 *
 * @param confirmed  doses granted to candidates who accepted in time; never more than {@code doseCount}
 * @param openOffers offers made and not yet answered, expired or void
 * @param accepted   acceptances so far, including those that came too late (for the observed acceptance rate)
 * @param answered   offers that ended so far and tell about acceptance: accepted, declined, or expired after their
 *                   message was delivered (see {@code AcceptanceEvidence})
 * @param wave       number of the last wave of offers (0 before the first)
 */
public record Release(
        String id, String centreId, String product, int doseCount, Instant windowFrom, Instant windowTo,
        Instant usableUntil, int confirmed, ReleaseStatus status, int openOffers, int accepted, int answered,
        int wave) {

    public int dosesLeft() {
        return Math.max(0, doseCount - confirmed);
    }

    /** The last instant a candidate can arrive and still be vaccinated. */
    public Instant latestArrival() {
        return windowTo.isBefore(usableUntil) ? windowTo : usableUntil;
    }

    public Duration timeLeft(Instant now) {
        Duration left = Duration.between(now, latestArrival());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * A confirmed candidate did not come: their dose is free again and a filled release is open again (whether the
     * vial clock still lets it be used is decided as for any open release). Ended releases only count it back.
     */
    public Release withDoseReturned() {
        if (confirmed == 0) {
            throw new IllegalStateException("release " + id + " has no confirmed dose to return");
        }
        int stillConfirmed = confirmed - 1;
        ReleaseStatus next = status == ReleaseStatus.FILLED && doseCount > stillConfirmed ? ReleaseStatus.OPEN : status;
        return new Release(id, centreId, product, doseCount, windowFrom, windowTo, usableUntil, stillConfirmed, next,
                openOffers, accepted, answered, wave);
    }

    public boolean isOpen() {
        return status == ReleaseStatus.OPEN;
    }
}
