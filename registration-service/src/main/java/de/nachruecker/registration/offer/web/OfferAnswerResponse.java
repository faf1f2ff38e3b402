package de.nachruecker.registration.offer.web;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "What the answer led to")
record OfferAnswerResponse(OfferOutcome outcome) {
}
