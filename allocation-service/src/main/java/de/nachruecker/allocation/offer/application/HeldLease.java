package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.release.application.WaveLeases;
import de.nachruecker.allocation.release.model.ReleaseStatus;

import java.util.Optional;

/**
 * This instance's hold on a release's wave lease for one wave, let go exactly once: by the wave itself right after its
 * offers are written (the let-go's write then also answers the status read the wave needs at that point, one database
 * round trip instead of two), or by the planner after a wave that wrote no offer.
 */
final class HeldLease {

    private final WaveLeases leases;
    private final String releaseId;
    private boolean letGo;
    private boolean again;

    HeldLease(WaveLeases leases, String releaseId) {
        this.leases = leases;
        this.releaseId = releaseId;
    }

    /**
     * Lets go now, remembering whether another wave was requested meanwhile.
     *
     * @return the release's status as the let-go found it; empty if the lease was not held any more (taken over after
     *         it expired), then only a read of its own tells
     */
    Optional<ReleaseStatus> letGo() {
        if (letGo) {
            throw new IllegalStateException("lease of release " + releaseId + " let go twice");
        }
        letGo = true;
        Optional<WaveLeases.LetGo> found = leases.letGo(releaseId);
        again = found.map(WaveLeases.LetGo::wavePending).orElse(false);
        return found.map(WaveLeases.LetGo::status);
    }

    /** Lets go unless the wave did; @return whether another wave was requested meanwhile */
    boolean finish() {
        if (!letGo) {
            letGo();
        }
        return again;
    }
}
