package de.nachruecker.slot.release.application;

import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;

import java.util.List;
import java.util.Optional;

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
     * Replaces the release with {@code next} only if it is still at {@code next.version() - 1}.
     *
     * @return {@code false} if someone else changed it in between (nothing written)
     */
    boolean update(Release next, ReleaseEvent event);

    ReleasePage list(String centreId, ReleaseStatus status, int page, int size);

    /** One page of releases, newest first. */
    record ReleasePage(List<Release> releases, int page, int size, long total) {
    }
}
