package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.registration.candidate.application.ReadingOwnStatus;
import de.nachruecker.registration.candidate.model.PositionBand;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.RegistrationStatus;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Schema(description = "A citizen's own registration; no personal data beyond what the citizen chose")
public record RegistrationView(
        @Schema(description = "Pseudonymous candidate id") String candidateId,
        RegistrationStatus status,
        @Schema(description = "Phone number verified; only verified candidates receive offers") boolean verified,
        Instant registeredAt,
        @Schema(description = "Absent once withdrawn") PriorityGroup priorityGroup,
        @Schema(description = "Absent once withdrawn") PreferencesView preferences,
        @Schema(description = "Set once withdrawn (by the citizen, or erased at the end of the retention period)")
        Instant withdrawnAt,
        @Schema(description = "When a confirmed appointment was last missed, if ever; the candidate stays in the pool")
        Instant missedAppointmentAt,
        @Schema(description = "Only while in the pool (ACTIVE): a coarse hint how many candidates of the same centres "
                + "come first by priority group and registration time: FRONT fewer than 10, NEAR fewer than 50, "
                + "MIDDLE fewer than 200, BACK 200 or more. The allocation rules in force decide the actual order.")
        PositionBand positionBand,
        @Schema(description = "The offer waiting for your answer (or for the decision on it), if any; answer it "
                + "through the link in the offer message") OpenOfferView openOffer,
        @Schema(description = "Your confirmed appointment, if any (until you cancel it or the centre records your "
                + "visit); no positionBand meanwhile, as you are off the list until it is over. Cancel it with "
                + "POST /api/registrations/me/appointment/cancellation.") AppointmentView appointment) {

    static RegistrationView of(Registration registration) {
        return of(registration, null, null, null);
    }

    static RegistrationView of(ReadingOwnStatus.OwnStatus status, CentreCatalogue centres) {
        return of(status.registration(), status.band().orElse(null), status.openOffer().orElse(null),
                status.appointment().map(offer -> AppointmentView.of(offer, centres.find(offer.centreId())))
                        .orElse(null));
    }

    private static RegistrationView of(Registration registration, PositionBand band, Offer openOffer,
                                       AppointmentView appointment) {
        return new RegistrationView(registration.candidateId(), registration.status(), registration.isVerified(),
                registration.registeredAt(), registration.priorityGroup().orElse(null),
                registration.preferences().map(PreferencesView::of).orElse(null),
                registration.withdrawnAt().orElse(null), registration.missedAppointmentAt().orElse(null), band,
                openOffer == null ? null : OpenOfferView.of(openOffer), appointment);
    }

    @Schema(description = "A confirmed appointment: where, when, what, and the reference to give at the centre")
    public record AppointmentView(
            String offerId,
            @Schema(description = "Short reference to give at the centre (8 characters, no lookalikes)",
                    example = "7K3M-Q9XA") String reference,
            String centreId,
            String centreName,
            String centreAddress,
            @Schema(description = "The centre's phone number for questions about the appointment, if known")
            String centrePhone,
            String product,
            Instant windowFrom,
            Instant windowTo) {

        static AppointmentView of(Offer offer, Optional<Centre> centre) {
            return new AppointmentView(offer.offerId(), offer.reference(), offer.centreId(),
                    centre.map(Centre::name).orElse(offer.centreId()), centre.map(Centre::address).orElse(null),
                    centre.map(Centre::phone).orElse(null), offer.product(), offer.windowFrom(), offer.windowTo());
        }
    }

    public record OpenOfferView(
            String offerId,
            String centreId,
            String product,
            Instant windowFrom,
            Instant windowTo,
            Instant answerDeadline,
            @Schema(description = "OPEN: waiting for your answer; ANSWERED: waiting for the decision")
            OfferState state) {

        static OpenOfferView of(Offer offer) {
            return new OpenOfferView(offer.offerId(), offer.centreId(), offer.product(), offer.windowFrom(),
                    offer.windowTo(), offer.answerDeadline(), offer.state());
        }
    }

    public record PreferencesView(List<String> centreIds, int maxTravelMinutes, String language) {

        static PreferencesView of(Preferences preferences) {
            return new PreferencesView(preferences.centreIds(), preferences.maxTravelMinutes(),
                    preferences.language().code());
        }
    }
}
