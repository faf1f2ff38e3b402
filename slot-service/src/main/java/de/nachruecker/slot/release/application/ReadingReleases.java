package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;
import org.springframework.stereotype.Service;

/** Operators look at releases: one, or a page of them filtered by centre and status. */
@Service
public class ReadingReleases {

    private final ReleaseStore store;

    public ReadingReleases(ReleaseStore store) {
        this.store = store;
    }

    /** @throws ReleaseNotFoundException if there is no such release */
    public Release get(String releaseId) {
        return store.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    }

    /** @param centreId {@code null} for all centres; @param status {@code null} for every status */
    public ReleaseStore.ReleasePage list(String centreId, ReleaseStatus status, int page, int size) {
        return store.list(centreId, status, page, size);
    }
}
