package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.release.application.WaveLeases;
import de.nachruecker.allocation.release.model.ReleaseStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This instance's hold on a release's wave lease for one wave, let go exactly once: by the wave itself right after its
 * offers are written (the let-go's write then also answers the status read the wave needs at that point, one database
 * round trip instead of two), or by the planner after a wave that wrote no offer; the waves of a batch let go of theirs
 * together ({@link #letGoAll}).
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

    /**
     * Lets go of these leases together ({@link WaveLeases#letGoAll}), as {@link #letGo} does each.
     *
     * @return per release its status as found after the let-go; a release missing from it had no lease of this
     *         instance any more and does not exist (or a read of its own tells)
     */
    static Map<String, ReleaseStatus> letGoAll(WaveLeases leases, List<HeldLease> held) {
        List<HeldLease> holding = held.stream().filter(lease -> !lease.letGo).toList();
        holding.forEach(lease -> lease.letGo = true);
        Map<String, WaveLeases.LetGo> found = leases.letGoAll(holding.stream().map(lease -> lease.releaseId)
                .toList());
        Map<String, ReleaseStatus> status = new HashMap<>();
        holding.forEach(lease -> {
            WaveLeases.LetGo letGo = found.get(lease.releaseId);
            if (letGo != null) {
                lease.again = letGo.wavePending();
                status.put(lease.releaseId, letGo.status());
            }
        });
        return status;
    }

    /** Lets go unless the wave did; @return whether another wave was requested meanwhile */
    boolean finish() {
        if (!letGo) {
            letGo();
        }
        return again;
    }
}
