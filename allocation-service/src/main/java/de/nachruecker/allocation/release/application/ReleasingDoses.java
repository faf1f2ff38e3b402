package de.nachruecker.allocation.release.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseCorrected;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.events.release.ReleaseWithdrawn;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.outbox.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reacts to the operators' releases: new doses get their first wave at once; corrections and withdrawals apply. */
@Service
public class ReleasingDoses {

    private static final Logger log = LoggerFactory.getLogger(ReleasingDoses.class);
    private static final int CORRECTION_ATTEMPTS = 5;

    private final Releases releases;
    private final ReleaseOffers offers;
    private final EventCodec codec;
    private final AllocationMetrics metrics;
    private final Clock clock;

    public ReleasingDoses(Releases releases, ReleaseOffers offers, EventCodec codec, AllocationMetrics metrics,
                          Clock clock) {
        this.releases = releases;
        this.offers = offers;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A release event as received, with the correlation id of the work that published it (the operator's request);
     * {@code null} if it carried none.
     */
    public record Received(ReleaseEvent event, String correlationId) {
    }

    /**
     * A poll's events in their order: each run of consecutive new releases is stored and gets its first waves as one
     * batch ({@link #release}); any other event is handled on its own in its place, after the run before it, so the
     * events of a centre (the topic's key) keep their order. Each event's work carries its own correlation id.
     */
    @SuppressWarnings("try") // the scope only makes the event's correlation id current
    public void handleAll(List<Received> events, long receivedNanos) {
        List<Received> run = new ArrayList<>();
        for (Received received : events) {
            if (received.event() instanceof DosesReleased) {
                run.add(received);
                continue;
            }
            release(run, receivedNanos);
            run.clear();
            try (CorrelationId.Scope scope = CorrelationId.open(received.correlationId())) {
                if (received.event() instanceof ReleaseCorrected corrected) {
                    correct(corrected);
                } else if (received.event() instanceof ReleaseWithdrawn withdrawn) {
                    releases.withdraw(withdrawn.releaseId());
                    offers.voidOpenOffers(withdrawn.releaseId(), OfferExpired.Reason.RELEASE_WITHDRAWN);
                }
            }
        }
        release(run, receivedNanos);
    }

    /**
     * New releases stored with one write, then their first waves made together; a release stored before (the event
     * redelivered) only gets its next wave if it wants one, as its first wave may not have gone out.
     */
    @SuppressWarnings("try") // the scope only makes the event's correlation id current
    private void release(List<Received> run, long receivedNanos) {
        if (run.isEmpty()) {
            return;
        }
        List<DosesReleased> released = run.stream().map(received -> (DosesReleased) received.event()).toList();
        Map<String, String> correlationIds = new HashMap<>();
        run.forEach(received -> correlationIds.putIfAbsent(((DosesReleased) received.event()).releaseId(),
                received.correlationId()));
        List<ReleaseLedger> created = releases.createAll(released, clock.instant());
        created.forEach(release -> metrics.dosesReleased(release.doseCount(), release.centreId(), release.product()));
        if (!created.isEmpty()) {
            offers.firstWaves(created, correlationIds, receivedNanos);
        }
        Set<String> fresh = created.stream().map(ReleaseLedger::id).collect(Collectors.toSet());
        released.stream().map(DosesReleased::releaseId).filter(releaseId -> !fresh.contains(releaseId)).distinct()
                .forEach(releaseId -> {
                    try (CorrelationId.Scope scope = CorrelationId.open(correlationIds.get(releaseId))) {
                        offers.nextWave(releaseId);
                    }
                });
    }

    /**
     * Optimistic: a grant or a fill may move the confirmed count or the status in between, then the correction is
     * recomputed. A correction that leaves no dose (down to the confirmed count or below) fills the release: as when
     * its last dose is confirmed, it is reported ({@link ReleaseFilled}, with the new count) and its open offers are
     * voided ({@code RELEASE_FILLED}), also when the correction is redelivered after a crash; an offer being written
     * meanwhile is voided by its own wave, which reads the status after the write. Not timed as a fill
     * ({@link AllocationMetrics#filled}): that measures the time to the last confirmation, and a correction confirms
     * no dose.
     */
    private void correct(ReleaseCorrected correction) {
        for (int attempt = 0; attempt < CORRECTION_ATTEMPTS; attempt++) {
            Optional<ReleaseLedger> current = releases.find(correction.releaseId());
            if (current.isEmpty()) {
                log.warn("correction {} for unknown release {}; ignored", correction.eventId(),
                        correction.releaseId());
                return;
            }
            ReleaseLedger seen = current.get();
            if (seen.processed(correction.eventId().toString())) {
                break;
            }
            PendingEvent filled = PendingEvent.of(Topics.OFFERS, new ReleaseFilled(UUID.randomUUID(),
                    clock.instant(), seen.id(), seen.centreId(), correction.doseCount(), seen.confirmed()), codec);
            if (releases.correct(seen, correction, filled)) {
                break;
            }
        }
        if (releases.statusOf(correction.releaseId()).filter(ReleaseStatus.FILLED::equals).isPresent()) {
            offers.voidOpenOffers(correction.releaseId(), OfferExpired.Reason.RELEASE_FILLED);
        }
        offers.nextWave(correction.releaseId());
    }
}
