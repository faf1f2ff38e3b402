package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.offer.AppointmentCancelled;
import de.nachruecker.registration.offer.application.OfferMetrics;
import de.nachruecker.registration.offer.application.Offers;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.UUID;

/**
 * A citizen gives up their confirmed appointment (after a confirmation step on the page, or an explicit request
 * through the API). The appointment is cancelled here at once, together with the {@code AppointmentCancelled} event in
 * the same single-document write (the allocation service gives the dose back to its release and sends the next wave
 * while the vial clock allows). The citizen chooses to stay on the list (with their waiting time) or to leave it,
 * which is the ordinary withdrawal.
 */
@Service
public class CancellingAppointment {

    private static final Logger log = LoggerFactory.getLogger(CancellingAppointment.class);

    private final OwnRegistrations own;
    private final Offers offers;
    private final WithdrawingCandidate withdrawing;
    private final OfferMetrics metrics;
    private final Clock clock;

    public CancellingAppointment(OwnRegistrations own, Offers offers, WithdrawingCandidate withdrawing,
                                 OfferMetrics metrics, Clock clock) {
        this.own = own;
        this.offers = offers;
        this.withdrawing = withdrawing;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param stayOnList {@code false}: the registration is withdrawn as well (data erased, no more offers)
     * @return the cancelled appointment
     * @throws UnknownAccessTokenException if no registration has this token
     * @throws NoAppointmentException      if there is no confirmed appointment to cancel (none, cancelled before, or
     *                                     its arrival recorded)
     */
    public Offer cancel(AccessToken token, boolean stayOnList) {
        Registration registration = own.find(token);
        Offer appointment = offers.findAppointmentOf(registration.candidateId())
                .orElseThrow(NoAppointmentException::new);
        if (!offers.cancel(appointment, new AppointmentCancelled(UUID.randomUUID(), clock.instant(),
                appointment.offerId(), appointment.releaseId(), appointment.candidateId()))) {
            throw new NoAppointmentException(); // cancelled from another device, or the arrival recorded meanwhile
        }
        metrics.closed(OfferState.CANCELLED);
        log.info("offer {}: appointment cancelled by the candidate, {}", appointment.offerId(),
                stayOnList ? "staying on the list" : "leaving the list");
        if (!stayOnList) {
            withdrawing.withdraw(token);
        }
        return appointment.cancelled();
    }

    /** There is no confirmed appointment to cancel. */
    public static class NoAppointmentException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NoAppointmentException() {
            super("no confirmed appointment to cancel");
        }
    }
}
