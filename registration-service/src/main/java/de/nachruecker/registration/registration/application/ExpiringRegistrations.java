package de.nachruecker.registration.registration.application;

import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.registration.model.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Registrations are kept for the retention period from the day they were made, then erased exactly like a withdrawal:
 * personal data gone here, the profile out of the pool, the contact erased from the compacted topic by a tombstone.
 */
@Service
public class ExpiringRegistrations {

    private static final Logger log = LoggerFactory.getLogger(ExpiringRegistrations.class);
    /** Bounds one read; a sweep keeps reading until nothing is left. */
    private static final int BATCH = 200;

    private final Registrations registrations;
    private final OwnRegistrations changes;
    private final Clock clock;
    private final Duration retention;
    private final RegistrationMetrics metrics;

    public ExpiringRegistrations(Registrations registrations, OwnRegistrations changes, Clock clock,
                                 RegistrationProperties properties, RegistrationMetrics metrics) {
        this.registrations = registrations;
        this.changes = changes;
        this.clock = clock;
        this.retention = properties.retention();
        this.metrics = metrics;
    }

    /** @return how many registrations were erased */
    @Scheduled(fixedDelayString = "${nachruecker.registration.retention-sweep-interval:1h}",
            initialDelayString = "${nachruecker.registration.retention-sweep-interval:1h}")
    public int expire() {
        Instant cutoff = clock.instant().minus(retention);
        int erased = 0;
        List<Registration> due;
        do {
            due = registrations.findNotWithdrawnRegisteredBefore(cutoff, BATCH);
            for (Registration registration : due) {
                if (erase(registration.candidateId(), cutoff)) {
                    erased++;
                }
            }
        } while (due.size() == BATCH);
        if (erased > 0) {
            log.info("erased {} registration(s) registered before {} (retention {})", erased, cutoff, retention);
        }
        return erased;
    }

    private boolean erase(String candidateId, Instant cutoff) {
        boolean erased = changes.changeCandidate(candidateId, current -> {
            if (current.isWithdrawn() || !current.registeredAt().isBefore(cutoff)) {
                return OwnRegistrations.Change.none(false);
            }
            Instant now = clock.instant();
            Registration next = current.withdraw(now);
            return new OwnRegistrations.Change<>(next, CandidateEvents.expired(next, now), true);
        }).orElse(false);
        if (erased) {
            metrics.expired();
        }
        return erased;
    }
}
