package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.application.Offers;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.PositionBand;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * A citizen reads their own status: the registration, a coarse position in the pool, an offer waiting, and the
 * confirmed appointment, if any.
 */
@Service
public class ReadingOwnStatus {

    private final OwnRegistrations own;
    private final Registrations registrations;
    private final AnsweringOffer answering;
    private final Offers offers;

    public ReadingOwnStatus(OwnRegistrations own, Registrations registrations, AnsweringOffer answering,
                            Offers offers) {
        this.own = own;
        this.registrations = registrations;
        this.answering = answering;
        this.offers = offers;
    }

    /** @throws UnknownAccessTokenException if no registration has this token */
    public OwnStatus read(AccessToken token) {
        Registration registration = own.find(token);
        Optional<Offer> appointment = registration.isWithdrawn() ? Optional.empty()
                : offers.findAppointmentOf(registration.candidateId());
        return new OwnStatus(registration, appointment.isPresent() ? Optional.empty() : band(registration),
                answering.openOfferOf(registration.candidateId()), appointment);
    }

    /** Only a candidate in the pool has a place in it. */
    private Optional<PositionBand> band(Registration registration) {
        if (!registration.isInPool()) {
            return Optional.empty();
        }
        Preferences preferences = registration.preferences().orElseThrow();
        return Optional.of(PositionBand.of(registrations.countInPoolAhead(registration.priorityGroup().orElseThrow(),
                registration.registeredAt(), preferences.centreIds())));
    }

    /**
     * @param band      empty unless the candidate is in the pool
     * @param openOffer   the offer waiting for the answer or for the decision on it
     * @param appointment the confirmed appointment (not cancelled, arrival not recorded), if any; no band then: the
     *                    candidate is out of the pool until it is over
     */
    public record OwnStatus(Registration registration, Optional<PositionBand> band, Optional<Offer> openOffer,
                            Optional<Offer> appointment) {
    }
}
