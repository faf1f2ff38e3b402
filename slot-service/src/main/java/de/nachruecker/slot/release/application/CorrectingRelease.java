package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseCorrection;
import de.nachruecker.slot.release.model.ReleaseRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** An operator corrects count, window or usable-until of a published release. */
@Service
public class CorrectingRelease {

    private static final Logger log = LoggerFactory.getLogger(CorrectingRelease.class);

    private final ReleaseRules rules;
    private final ReleaseStore store;
    private final Clock clock;

    public CorrectingRelease(ReleaseRules rules, ReleaseStore store, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @throws ReleaseNotFoundException if there is no such release
     * @throws de.nachruecker.slot.release.model.ReleaseNotOpenException if it was withdrawn
     * @throws de.nachruecker.slot.release.model.InvalidReleaseException if the correction breaks the rules
     */
    public Release correct(String releaseId, ReleaseCorrection correction) {
        Release corrected = ChangingRelease.apply(store, releaseId,
                current -> rules.correct(current, correction, clock.instant()), ReleaseEvents::corrected);
        log.info("release {} corrected: {} doses, usable until {}", releaseId, corrected.doseCount(),
                corrected.usableUntil());
        return corrected;
    }
}
