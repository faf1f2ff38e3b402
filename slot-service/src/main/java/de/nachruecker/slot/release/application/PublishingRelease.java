package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseDraft;
import de.nachruecker.slot.release.model.ReleaseRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/** An operator publishes freed doses; with an idempotency key a repeated request returns the first release. */
@Service
public class PublishingRelease {

    private static final Logger log = LoggerFactory.getLogger(PublishingRelease.class);

    private final ReleaseRules rules;
    private final ReleaseStore store;
    private final ReleaseMetrics metrics;
    private final Clock clock;

    public PublishingRelease(ReleaseRules rules, ReleaseStore store, ReleaseMetrics metrics, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param idempotencyKey {@code null} if the operator gave none
     * @throws de.nachruecker.slot.release.model.InvalidReleaseException if the draft breaks the rules
     * @throws IdempotencyKeyReusedException if the key was used for a different release
     */
    public Publication publish(ReleaseDraft draft, String idempotencyKey) {
        if (idempotencyKey != null) {
            // a replay may come after the window has started, so it is answered before the rules look at the clock
            var earlier = store.findByIdempotencyKey(draft.centreId(), idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), draft);
            }
        }
        Release release = rules.publish(UUID.randomUUID().toString(), draft, clock.instant());
        if (!store.insert(release, idempotencyKey, ReleaseEvents.released(release))) {
            return replay(store.findByIdempotencyKey(draft.centreId(), idempotencyKey).orElseThrow(), draft);
        }
        metrics.published(release);
        log.info("release {} published: {} doses of {} at centre {} usable until {}", release.id(),
                release.doseCount(), release.product(), release.centreId(), release.usableUntil());
        return new Publication(release, false);
    }

    private static Publication replay(Release earlier, ReleaseDraft draft) {
        if (!sameRequest(earlier, draft)) {
            throw new IdempotencyKeyReusedException(earlier.id());
        }
        return new Publication(earlier, true);
    }

    /**
     * Whether a request with the same key asks for the same release. Once corrected or withdrawn, the release no
     * longer shows what was first asked, so only the product is compared then.
     */
    private static boolean sameRequest(Release earlier, ReleaseDraft draft) {
        if (!earlier.product().equals(draft.product())) {
            return false;
        }
        if (earlier.version() > 0) {
            return true;
        }
        return earlier.doseCount() == draft.doseCount()
                && earlier.window().equals(draft.window())
                && Objects.equals(earlier.vialOpenedAt(), draft.vialOpenedAt())
                && (draft.usableUntil() == null || earlier.usableUntil().equals(draft.usableUntil()));
    }

    /** @param replayed {@code true} if the idempotency key named an earlier release and nothing new was published */
    public record Publication(Release release, boolean replayed) {
    }
}
