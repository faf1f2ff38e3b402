package de.nachruecker.registration.registration.application;

import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.registration.model.AccessToken;
import de.nachruecker.registration.registration.model.PositionBand;
import de.nachruecker.registration.registration.model.Preferences;
import de.nachruecker.registration.registration.model.Registration;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** A citizen reads their own status: the registration, a coarse position in the pool, and an offer waiting, if any. */
@Service
public class ReadingOwnStatus {

    private final OwnRegistrations own;
    private final Registrations registrations;
    private final AnsweringOffer answering;

    public ReadingOwnStatus(OwnRegistrations own, Registrations registrations, AnsweringOffer answering) {
        this.own = own;
        this.registrations = registrations;
        this.answering = answering;
    }

    /** @throws UnknownAccessTokenException if no registration has this token */
    public OwnStatus read(AccessToken token) {
        Registration registration = own.find(token);
        return new OwnStatus(registration, band(registration),
                answering.openOfferOf(registration.candidateId()));
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
     * @param openOffer the offer waiting for the answer or for the decision on it
     */
    public record OwnStatus(Registration registration, Optional<PositionBand> band, Optional<Offer> openOffer) {
    }
}
