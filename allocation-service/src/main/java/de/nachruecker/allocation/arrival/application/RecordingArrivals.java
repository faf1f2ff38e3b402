package de.nachruecker.allocation.arrival.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.application.AppointmentCancellations;
import de.nachruecker.allocation.offer.application.BusyCandidates;
import de.nachruecker.allocation.offer.application.OfferMessages;
import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.application.Offers;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.events.offer.AppointmentCancelled;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.offer.OfferCancelled;
import de.nachruecker.support.outbox.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What became of a confirmed appointment: the centre recorded the arrival, or the candidate cancelled it beforehand.
 * Vaccinated: the candidate leaves the pool for good. Missed or cancelled: the dose is free again (a filled release
 * reopens and the next wave goes out while its vial clock allows, exactly as after a decline) and the candidate returns
 * to the pool with their waiting time (unless they withdrew). The centre's record and the cancellation race through
 * one conditional write of the offer (only from CONFIRMED), so exactly one of them ends the appointment, and the dose
 * goes back once per offer ({@code returnedOfferIds}). Every step is a conditional single-document write, so a
 * redelivered or duplicated event (whatever its event id) finishes what a crash left undone and changes nothing twice.
 */
@Service
public class RecordingArrivals implements AppointmentCancellations {

    private static final Logger log = LoggerFactory.getLogger(RecordingArrivals.class);
    private static final int RETURN_ATTEMPTS = 5;

    private final Offers offers;
    private final Releases releases;
    private final Candidates candidates;
    private final CandidateIndex index;
    private final BusyCandidates busy;
    private final OfferingDoses offering;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final Clock clock;

    public RecordingArrivals(Offers offers, Releases releases, Candidates candidates,
                             CandidateIndex index, BusyCandidates busy, OfferingDoses offering,
                             OfferMessages messages, AllocationMetrics metrics, Clock clock) {
        this.offers = offers;
        this.releases = releases;
        this.candidates = candidates;
        this.index = index;
        this.busy = busy;
        this.offering = offering;
        this.messages = messages;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void record(ArrivalEvent arrival) {
        OfferStatus outcome = arrival instanceof CandidateVaccinated ? OfferStatus.VACCINATED : OfferStatus.MISSED;
        end(arrival.eventId(), arrival.offerId(), arrival.candidateId(), arrival.releaseId(), outcome);
    }

    /** The candidate cancelled their confirmed appointment through the registration service. */
    @Override
    public void cancel(AppointmentCancelled cancelled) {
        end(cancelled.eventId(), cancelled.offerId(), cancelled.candidateId(), cancelled.releaseId(),
                OfferStatus.CANCELLED);
    }

    private void end(UUID eventId, String offerId, String candidateId, String releaseId, OfferStatus outcome) {
        Optional<Offer> found = offers.find(offerId).filter(offer ->
                offer.candidateId().equals(candidateId) && offer.releaseId().equals(releaseId));
        if (found.isEmpty() || !found.get().status().grantedDose()) {
            log.warn("{} {} names no confirmed appointment of this candidate and release; ignored", outcome,
                    eventId);
            return;
        }
        Offer offer = found.get();
        if (offer.status() != OfferStatus.CONFIRMED && offer.status() != outcome) {
            log.warn("{} {} comes after offer {} was recorded {}; ignored", outcome, eventId, offer.id(),
                    offer.status());
            return;
        }
        Instant now = clock.instant();
        if (offers.change(offer.id(), Offer.Change.appointment(outcome), now, events(offer, outcome, now))
                .isPresent()) {
            metrics.offer(outcome.name().toLowerCase(Locale.ROOT), offer.centreId(), offer.product());
        } else {
            OfferStatus current = offers.find(offer.id()).map(Offer::status).orElse(null);
            if (current != outcome) {
                // the other of arrival and cancellation ended the appointment first: its own event finishes it
                log.info("{} {} lost to {} of offer {}; ignored", outcome, eventId, current, offer.id());
                return;
            }
            // recorded before (a redelivery, or a crash after the write): finish the steps below again
        }
        if (outcome == OfferStatus.VACCINATED) {
            candidates.markVaccinated(offer.candidateId());
            index.remove(offer.candidateId());
        } else {
            returnDose(offer, outcome);
            returnToPool(offer);
            offering.nextWave(offer.releaseId());
        }
    }

    /** Only a cancellation is news on the offers topic: arrivals were published by the centre's slot service. */
    private List<PendingEvent> events(Offer offer, OfferStatus outcome, Instant now) {
        if (outcome != OfferStatus.CANCELLED) {
            return List.of();
        }
        return List.of(messages.event(new OfferCancelled(UUID.randomUUID(), now, offer.releaseId(), offer.id(),
                offer.candidateId(), offer.centreId(), AppointmentReference.of(offer.id()))));
    }

    /** Optimistic like a correction: a grant or correction in between makes it read again. */
    private void returnDose(Offer offer, OfferStatus outcome) {
        for (int attempt = 0; attempt < RETURN_ATTEMPTS; attempt++) {
            Optional<ReleaseLedger> seen = releases.find(offer.releaseId());
            if (seen.isEmpty() || !seen.get().holdsDoseOf(offer.id())) {
                return;
            }
            Release after = seen.get().toRelease().withDoseReturned();
            if (releases.returnDose(seen.get(), after, offer.id())) {
                if (after.status() == ReleaseStatus.EXPIRED) {
                    // the release's vial clock ran out already: nobody else can have this dose
                    metrics.dosesExpired(1, offer.centreId(), offer.product());
                }
                log.info("release {}: dose of offer {} returned ({}), status {}", offer.releaseId(), offer.id(),
                        outcome, after.status());
                return;
            }
        }
        throw new IllegalStateException("release " + offer.releaseId() + " kept changing; " + outcome + " of "
                + offer.id() + " to be retried");
    }

    private void returnToPool(Offer offer) {
        candidates.missedAppointment(offer.candidateId(), offer.id())
                .filter(Candidate::poolMember)
                .ifPresent(candidate -> index.put(candidate.toPoolCandidate()));
        busy.free(offer.candidateId());
    }
}
