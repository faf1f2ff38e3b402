package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseCorrected;
import de.nachruecker.support.outbox.PendingEvent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The releases with their ledgers; every write is one single-document atomic write with its outgoing events. */
public interface Releases {

    /**
     * Stores new releases under this instance's wave lease, so that their first waves need no write to take the lease,
     * with one write for all of them (each insert applied or refused on its own).
     *
     * @return the new releases as stored, leased, in their order; one that exists already (the event was processed
     *         before, or is twice in {@code released}) is not among them
     */
    List<ReleaseLedger> createAll(List<DosesReleased> released, Instant now);

    /** {@link #createAll} for one release; empty if it exists already. */
    default Optional<ReleaseLedger> create(DosesReleased released, Instant now) {
        return createAll(List.of(released), now).stream().findFirst();
    }

    Optional<ReleaseLedger> find(String releaseId);

    /** The status alone (a small read). */
    Optional<ReleaseStatus> statusOf(String releaseId);

    List<ReleaseLedger> open();

    /** Open releases whose usable-until comes before {@code instant}. */
    List<ReleaseLedger> openUsableUntilBefore(Instant instant);

    /** Releases that expired with usable-until at or after {@code instant}. */
    List<ReleaseLedger> expiredSince(Instant instant);

    /** The offers were reserved but never written (offered before, or a crash in between): they are not open. */
    void dropOffers(String releaseId, Collection<String> offerIds);

    /**
     * The grant: one dose to {@code offerId} if any is left, at most once per offer, and only while the release
     * counts the offer as open (an offer whose end was counted gets no dose).
     *
     * @return the release after the grant, or empty if there was none
     */
    Optional<ReleaseLedger> grant(String releaseId, String offerId);

    /**
     * An offer ended without a grant; counted once, because only the first call finds it open.
     *
     * @return false if the release did not count the offer as open (any more): counted before, or granted a dose
     */
    boolean closeOffer(String releaseId, String offerId, boolean answered, boolean accepted);

    /** Leaves OPEN for {@code status} (FILLED only with no dose left) with its events; false if not open. */
    boolean finish(String releaseId, ReleaseStatus status, List<PendingEvent> events);

    /** Marks the open release as reported at risk, once. */
    boolean reportAtRisk(String releaseId, PendingEvent event);

    /**
     * Applies a correction unless the confirmed count or the status moved since {@code seen} (then read again and
     * retry); a correction that fills the open release reports it with {@code filled} in the same write.
     */
    boolean correct(ReleaseLedger seen, ReleaseCorrected correction, PendingEvent filled);

    /**
     * Returns the dose of {@code offerId} unless the release changed since {@code seen} (then read again and retry)
     * or the dose came back before.
     */
    boolean returnDose(ReleaseLedger seen, Release after, String offerId);

    boolean withdraw(String releaseId);
}
