package de.nachruecker.allocation.arrival.application;

import de.nachruecker.allocation.offer.application.AllocationMetrics;
import de.nachruecker.allocation.offer.application.BusyCandidates;
import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.arrival.CandidateVaccinated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Optional;

/**
 * What the centre recorded for a confirmed appointment. Vaccinated: the candidate leaves the pool for good. Missed: the
 * dose is free again (a filled release reopens and the next wave goes out, exactly as after a decline) and the
 * candidate returns to the pool with their waiting time. Every step is a conditional single-document write, so a
 * redelivered or duplicated event (whatever its event id) finishes what a crash left undone and changes nothing twice.
 */
@Service
public class RecordingArrivals {

    private static final Logger log = LoggerFactory.getLogger(RecordingArrivals.class);
    private static final int RETURN_ATTEMPTS = 5;

    private final OfferStore offers;
    private final ReleaseStore releases;
    private final CandidateStore candidates;
    private final CandidateIndex index;
    private final BusyCandidates busy;
    private final OfferingDoses offering;
    private final AllocationMetrics metrics;
    private final Clock clock;

    public RecordingArrivals(OfferStore offers, ReleaseStore releases, CandidateStore candidates,
                             CandidateIndex index, BusyCandidates busy, OfferingDoses offering,
                             AllocationMetrics metrics, Clock clock) {
        this.offers = offers;
        this.releases = releases;
        this.candidates = candidates;
        this.index = index;
        this.busy = busy;
        this.offering = offering;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void record(ArrivalEvent arrival) {
        Optional<OfferDocument> found = offers.find(arrival.offerId()).filter(offer ->
                offer.candidateId().equals(arrival.candidateId()) && offer.releaseId().equals(arrival.releaseId()));
        if (found.isEmpty() || !found.get().status().grantedDose()) {
            log.warn("arrival {} names no confirmed appointment of this candidate and release; ignored",
                    arrival.eventId());
            return;
        }
        OfferStatus outcome = arrival instanceof CandidateVaccinated ? OfferStatus.VACCINATED : OfferStatus.MISSED;
        OfferDocument offer = found.get();
        if (offer.status() != OfferStatus.CONFIRMED && offer.status() != outcome) {
            log.warn("arrival {} says {} but offer {} was recorded {} before; ignored", arrival.eventId(), outcome,
                    offer.id(), offer.status());
            return;
        }
        if (offers.recordArrival(offer.id(), outcome, clock.instant())) {
            metrics.offer(outcome == OfferStatus.VACCINATED ? "vaccinated" : "missed", offer.centreId(),
                    offer.product());
        }
        if (outcome == OfferStatus.VACCINATED) {
            candidates.markVaccinated(offer.candidateId());
            index.remove(offer.candidateId());
        } else {
            returnDose(offer);
            returnToPool(offer);
            offering.nextWave(offer.releaseId());
        }
    }

    /** Optimistic like a correction: a grant or correction in between makes it read again. */
    private void returnDose(OfferDocument offer) {
        for (int attempt = 0; attempt < RETURN_ATTEMPTS; attempt++) {
            Optional<ReleaseDocument> seen = releases.find(offer.releaseId());
            if (seen.isEmpty() || seen.get().returned(offer.id()) || !seen.get().granted(offer.id())) {
                return;
            }
            Release after = seen.get().toRelease().withDoseReturned();
            if (releases.returnDose(seen.get(), after, offer.id())) {
                if (after.status() == ReleaseStatus.EXPIRED) {
                    // the release's vial clock ran out already: nobody else can have this dose
                    metrics.dosesExpired(1, offer.centreId(), offer.product());
                }
                log.info("release {}: dose of offer {} returned (missed appointment), status {}", offer.releaseId(),
                        offer.id(), after.status());
                return;
            }
        }
        throw new IllegalStateException("release " + offer.releaseId() + " kept changing; missed appointment of "
                + offer.id() + " to be retried");
    }

    private void returnToPool(OfferDocument offer) {
        candidates.missedAppointment(offer.candidateId(), offer.id())
                .filter(CandidateDocument::poolMember)
                .ifPresent(candidate -> index.put(candidate.toPoolCandidate()));
        busy.free(offer.candidateId());
    }
}
