package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.registration.offer.application.Offers;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.candidate.model.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/**
 * What the centre recorded for a confirmed appointment, shown on the citizen's status: vaccinated (the candidate leaves
 * the pool) or missed (the candidate stays). Idempotent: the domain changes nothing for a report it already reflects
 * (vaccinated twice, or a missed appointment not newer than the one known), so a redelivered event publishes nothing.
 */
@Service
public class RecordingArrivals {

    private static final Logger log = LoggerFactory.getLogger(RecordingArrivals.class);

    private final OwnRegistrations changes;
    private final Offers offers;
    private final Clock clock;
    private final RegistrationMetrics metrics;

    public RecordingArrivals(OwnRegistrations changes, Offers offers, Clock clock, RegistrationMetrics metrics) {
        this.changes = changes;
        this.offers = offers;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void on(ArrivalEvent event) {
        // the appointment is over: the status page no longer shows it (a cancelled one stays cancelled)
        offers.find(event.offerId()).filter(Offer::isAppointment)
                .ifPresent(appointment -> offers.changeState(appointment, appointment.arrivalRecorded()));
        boolean changed = changes.changeCandidate(event.candidateId(), current -> {
            Registration next = event instanceof CandidateVaccinated
                    ? current.vaccinated()
                    : current.missedAppointment(event.occurredAt());
            if (next == current) {
                return OwnRegistrations.Change.none(false);
            }
            List<OutgoingEvent> events = event instanceof CandidateVaccinated
                    ? CandidateEvents.vaccinated(next, clock.instant())
                    : List.of();
            return new OwnRegistrations.Change<>(next, events, true);
        }).orElseGet(() -> {
            log.warn("arrival {} of candidate {} is unknown here (erased meanwhile?); ignored", event.eventId(),
                    event.candidateId());
            return false;
        });
        if (changed && event instanceof CandidateVaccinated) {
            metrics.vaccinated();
        } else if (changed && event instanceof CandidateMissedAppointment) {
            metrics.missedAppointment();
        }
    }
}
