package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wave lease of a release: only the instance holding it plans offers for the release, so instances never top up
 * the same release at once. Every write that adds an offer is fenced by the lease ({@link #reserveOffers}).
 */
public interface WaveLeases {

    /** @return the release as it stands under the newly taken lease, or empty if it is held or the release closed */
    Optional<ReleaseLedger> acquire(String releaseId);

    /** Asks the holder to plan once more before letting go: something changed while it planned. */
    void requestWave(String releaseId);

    /**
     * What the release document said as the lease was let go (one write, which reads it as it changes it).
     *
     * @param status      the release's status at that moment
     * @param wavePending whether another wave was requested meanwhile (then take the lease again and plan)
     */
    record LetGo(ReleaseStatus status, boolean wavePending) {
    }

    /**
     * Lets go of the lease and reads, in the same write, what the release is now: a wave that lets go right after
     * writing its offers needs no read of its own to learn whether the release ended meanwhile.
     *
     * @return empty if this instance did not hold the lease (taken over after it expired, or no such release)
     */
    Optional<LetGo> letGo(String releaseId);

    /**
     * Lets go of these leases, all held by this instance, and reads what each release is now, after the let-go: the
     * status, and whether another wave was requested while this instance still held the lease (a request made to the
     * instance that took a lease over belongs to that one).
     *
     * @return per release what the let-go found; a release missing from it had no lease of this instance to let go
     *         (or does not exist): read its status on its own
     */
    default Map<String, LetGo> letGoAll(Collection<String> releaseIds) {
        Map<String, LetGo> found = new HashMap<>();
        releaseIds.forEach(releaseId -> letGo(releaseId).ifPresent(letGo -> found.put(releaseId, letGo)));
        return found;
    }

    /** Lets go; @return whether another wave was requested meanwhile (then take it again and plan) */
    default boolean release(String releaseId) {
        return letGo(releaseId).map(LetGo::wavePending).orElse(false);
    }

    /**
     * Counts a wave's offers as open before they are written, records the wave's number (the number of the last wave
     * that made offers) and renews the lease, in one write.
     *
     * @param wave               the wave's number: one more than the release's {@code wave} as the lease returned it
     * @param candidateByOfferId the offers and their candidates
     * @param firstMadeAt        when the first of them was made
     * @return false if the lease was lost or the release closed: none of them is counted
     */
    boolean reserveOffers(String releaseId, int wave, Map<String, String> candidateByOfferId, Instant firstMadeAt);

    /** The offers of one wave to count as open: {@link #reserveOffers}'s arguments. */
    record Reservation(String releaseId, int wave, Map<String, String> candidateByOfferId, Instant firstMadeAt) {
    }

    /**
     * Makes each reservation as {@link #reserveOffers} does, each its own write fenced by its release's lease, sent
     * together; nothing relies on them being applied all or none.
     *
     * @return the releases whose reservation was made
     */
    default Set<String> reserveAll(List<Reservation> reservations) {
        Set<String> reserved = new HashSet<>();
        reservations.forEach(each -> {
            if (reserveOffers(each.releaseId(), each.wave(), each.candidateByOfferId(), each.firstMadeAt())) {
                reserved.add(each.releaseId());
            }
        });
        return reserved;
    }
}
