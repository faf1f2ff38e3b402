package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.model.OfferState;
import io.swagger.v3.oas.annotations.media.Schema;

/** What an answer led to, as far as known. */
@Schema(description = "PENDING: the answer is taken, the decision is not known yet (ask again with GET of the page). "
        + "CONFIRMED: the dose is yours. TAKEN: the doses were gone; you keep your place. DECLINED: you declined and "
        + "keep your place. EXPIRED: the offer closed without your answer. CANCELLED: you cancelled the confirmed "
        + "appointment.")
enum OfferOutcome {
    PENDING, CONFIRMED, TAKEN, DECLINED, EXPIRED, CANCELLED;

    static OfferOutcome of(OfferState state) {
        switch (state) {
            case CONFIRMED:
            case ARRIVAL_RECORDED:
                return CONFIRMED;
            case CANCELLED:
                return CANCELLED;
            case TAKEN:
                return TAKEN;
            case DECLINED:
                return DECLINED;
            case EXPIRED:
                return EXPIRED;
            default:
                return PENDING;
        }
    }
}
