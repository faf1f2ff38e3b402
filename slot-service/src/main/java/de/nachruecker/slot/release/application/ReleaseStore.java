package de.nachruecker.slot.release.application;

import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where releases live. Every write stores the release together with the event reporting it, atomically; the store
 * then publishes that event (at least once).
 */
public interface ReleaseStore {

    Optional<Release> find(String releaseId);

    /** The release a centre published under an idempotency key, if any. */
    Optional<Release> findByIdempotencyKey(String centreId, String idempotencyKey);

    /**
     * @param idempotencyKey {@code null} if the operator gave none
     * @return {@code false} if the centre already published a release under that idempotency key (nothing written)
     */
    boolean insert(Release release, String idempotencyKey, ReleaseEvent event);

    /**
     * Replaces {@code current} with {@code next} only if it is unchanged: same version, and filled or not as in
     * {@code current}, so that a fill reported meanwhile makes the caller read again instead of being overwritten. Of
     * the fill only the filled state is written; {@link #track} owns the rest.
     *
     * @return {@code false} if someone else changed it in between (nothing written)
     */
    boolean update(Release current, Release next, ReleaseEvent event);

    /**
     * Applies what an offer event changes in the release's fill, unless the event was applied before.
     *
     * @param eventId the offer event's id, kept with the release so that a redelivery changes nothing
     */
    Tracking track(String releaseId, String eventId, FillChange change);

    /**
     * {@link #track} for the offer events of one poll, in their order, with as few round trips as their kinds allow.
     *
     * @return how many changed a fill, and the releases named that are not known here
     */
    TrackedBatch trackAll(List<TrackedChange> changes);

    /**
     * Stores the operator's record of an appointment, with its event, only while no arrival is recorded for it.
     *
     * @return {@code false} if an arrival was recorded in between (nothing written)
     */
    boolean recordArrival(String releaseId, Appointment recorded, ArrivalEvent event);

    /** @param centreIds only releases of these centres; @param status {@code null} for every status */
    ReleasePage list(Collection<String> centreIds, ReleaseStatus status, int page, int size);

    /**
     * What became of an offer event. {@code DUPLICATE}: applied before, or outdated (an offer confirmed again under
     * a new event id, a fill of a dose count the operator has raised since).
     */
    enum Tracking { APPLIED, DUPLICATE, UNKNOWN_RELEASE }

    /** An offer event's change of a release's fill. */
    record TrackedChange(String releaseId, String eventId, FillChange change) {
    }

    /** What became of a poll's changes: the others were applied before, outdated, or name an unknown release. */
    record TrackedBatch(int applied, Set<String> unknownReleaseIds) {
    }

    /** One page of releases, newest first. */
    record ReleasePage(List<Release> releases, int page, int size, long total) {
    }
}
