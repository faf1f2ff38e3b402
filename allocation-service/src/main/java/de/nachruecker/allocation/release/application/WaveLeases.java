package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
}
