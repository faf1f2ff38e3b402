package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.candidate.model.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Registrations are kept for the retention period from the day they were made, then erased exactly like a withdrawal:
 * personal data gone here, the profile out of the pool, the contact erased from the compacted topic by a tombstone.
 * A registration whose phone was never verified is erased the same way after the much shorter unverified retention:
 * a number typed by mistake, or someone else's typed on purpose, leaves nothing behind for long.
 */
@Service
public class ExpiringRegistrations {

    private static final Logger log = LoggerFactory.getLogger(ExpiringRegistrations.class);
    /** Bounds one read; a sweep keeps reading until nothing is left. */
    private static final int BATCH = 200;

    private final Registrations registrations;
    private final ErasingCandidate erasing;
    private final Clock clock;
    private final Duration retention;
    private final Duration unverifiedRetention;
    private final RegistrationMetrics metrics;

    public ExpiringRegistrations(Registrations registrations, ErasingCandidate erasing, Clock clock,
                                 RegistrationProperties properties, RegistrationMetrics metrics) {
        this.registrations = registrations;
        this.erasing = erasing;
        this.clock = clock;
        this.retention = properties.retention();
        this.unverifiedRetention = properties.unverifiedRetention();
        this.metrics = metrics;
    }

    /** @return how many registrations were erased */
    @Scheduled(fixedDelayString = "${nachruecker.registration.retention-sweep-interval:1h}",
            initialDelayString = "${nachruecker.registration.retention-sweep-interval:1h}")
    public int expire() {
        Instant now = clock.instant();
        int erased = sweep(registrations::findNotWithdrawnRegisteredBefore, now.minus(retention), current -> true);
        if (erased > 0) {
            log.info("erased {} registration(s) registered before {} (retention {})", erased, now.minus(retention),
                    retention);
            metrics.expired(erased);
        }
        int unverified = sweep(registrations::findUnverifiedRegisteredBefore, now.minus(unverifiedRetention),
                current -> !current.isVerified());
        if (unverified > 0) {
            log.info("erased {} unverified registration(s) registered before {} (unverified retention {})",
                    unverified, now.minus(unverifiedRetention), unverifiedRetention);
            metrics.expiredUnverified(unverified);
        }
        return erased + unverified;
    }

    private int sweep(BiFunction<Instant, Integer, List<Registration>> find, Instant cutoff,
                      Predicate<Registration> stillDue) {
        int erased = 0;
        List<Registration> due;
        do {
            due = find.apply(cutoff, BATCH);
            for (Registration registration : due) {
                if (erase(registration.candidateId(), cutoff, stillDue)) {
                    erased++;
                }
            }
        } while (due.size() == BATCH);
        return erased;
    }

    /**
     * The same erasure for both periods, through {@link ErasingCandidate}, the one erasure path (data key deleted,
     * tombstones, personal data gone here); due is checked again on the state read (verified meanwhile, withdrawn
     * meanwhile).
     */
    private boolean erase(String candidateId, Instant cutoff, Predicate<Registration> stillDue) {
        return erasing.erase(candidateId, CandidateWithdrawn.Reason.RETENTION_EXPIRED,
                        current -> current.registeredAt().isBefore(cutoff) && stillDue.test(current))
                .map(ErasingCandidate.Outcome::erasedNow).orElse(false);
    }
}
