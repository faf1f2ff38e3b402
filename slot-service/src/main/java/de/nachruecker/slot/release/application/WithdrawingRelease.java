package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** An operator takes a release back: no further offers go out for it. */
@Service
public class WithdrawingRelease {

    private static final Logger log = LoggerFactory.getLogger(WithdrawingRelease.class);

    private final ReleaseStore store;
    private final ReleaseMetrics metrics;
    private final Clock clock;

    public WithdrawingRelease(ReleaseStore store, ReleaseMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @throws ReleaseNotFoundException if there is no such release
     * @throws de.nachruecker.slot.release.model.ReleaseNotOpenException if it was withdrawn already
     */
    public Release withdraw(String releaseId, String reason) {
        Release withdrawn = ChangingRelease.apply(store, releaseId,
                current -> current.withdraw(reason, clock.instant()), ReleaseEvents::withdrawn);
        metrics.withdrawn(withdrawn);
        log.info("release {} withdrawn", releaseId);
        return withdrawn;
    }
}
