package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.application.AnsweringOffer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/offers")
@Tag(name = "Offers", description = "Answer an offer of a freed dose with the single-use token from the offer message "
        + "(the same use case as the page the message links to).")
class OfferAnswerController {

    private final AnsweringOffer answering;

    OfferAnswerController(AnsweringOffer answering) {
        this.answering = answering;
    }

    @PostMapping("/answer")
    @Operation(summary = "Accept or decline an offer",
            description = "The token is valid once and only until the offer's answer deadline. The answer goes to "
                    + "the allocation service; the call waits a few seconds for its decision and answers PENDING if "
                    + "it is not known by then.")
    @ApiResponse(responseCode = "200", description = "Answer taken; `outcome` says what it led to")
    @ApiResponse(responseCode = "400", description = "Invalid input; `errors` names each field")
    @ApiResponse(responseCode = "404", description = "No offer has this token")
    @ApiResponse(responseCode = "409", description = "This offer was answered already")
    @ApiResponse(responseCode = "410", description = "The answer deadline passed or the offer was closed")
    @ApiResponse(responseCode = "429", description = "Too many answers from this address lately; see Retry-After")
    OfferAnswerResponse answer(@Valid @RequestBody OfferAnswerRequest request, HttpServletRequest http) {
        return new OfferAnswerResponse(OfferOutcome.of(answering.awaitDecision(
                answering.answer(request.token(), request.answer(), http.getRemoteAddr())).state()));
    }
}
