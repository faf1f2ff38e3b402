package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;
import org.springframework.stereotype.Service;

import java.util.Collection;

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

    /** @param centreIds the centres to list, e.g. those the operator may read; @param status {@code null} for all */
    public ReleaseStore.ReleasePage list(Collection<String> centreIds, ReleaseStatus status, int page, int size) {
        return store.list(centreIds, status, page, size);
    }
}
