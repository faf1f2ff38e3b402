package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.voice.OfferCall;
import de.nachruecker.support.voice.Twiml;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

/**
 * The key pressed on an offer call. The call (placed by notification-service through Twilio) reads the offer inside a
 * TwiML {@code <Gather>} whose action is this endpoint with the offer's answer token; Twilio posts the key as the form
 * field {@code Digits} and speaks the TwiML answered here. Key 1 accepts and key 2 declines under the same single-use
 * token rules as the answer link (one atomic write; a second key press hears "already answered" and changes nothing);
 * key 9 reads the offer again; any other key is refused and the keys are named again.
 */
@RestController
@Tag(name = "Voice", description = "Webhook of the voice gateway (Twilio): the key pressed on an offer call.")
class VoiceAnswerController {

    static final String PATH = "/voice/offers/answer";
    private static final Logger log = LoggerFactory.getLogger(VoiceAnswerController.class);
    /** What a phone keypad can send as one key. */
    private static final Pattern ONE_KEY = Pattern.compile("[0-9*#]");
    private static final MediaType TWIML = new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8);

    private final AnsweringOffer answering;
    private final CentreCatalogue centres;

    VoiceAnswerController(AnsweringOffer answering, CentreCatalogue centres) {
        this.answering = answering;
        this.centres = centres;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = "text/xml")
    @Operation(summary = "A key pressed on an offer call (Twilio <Gather> action)",
            description = "Posted by the voice gateway as a form. Key 1 accepts, 2 declines (each once per offer, "
                    + "before its deadline, as with the answer link), 9 reads the offer again. The answer is TwiML "
                    + "for the caller: the outcome (confirmed, taken, declined, still being decided, already "
                    + "answered, no longer valid) or the offer with the keys again. Not limited per address: every "
                    + "key press comes from the gateway.")
    @ApiResponse(responseCode = "200", description = "TwiML the gateway speaks to the caller")
    @ApiResponse(responseCode = "400", description = "Digits is not one key of a phone keypad; nothing changes")
    ResponseEntity<String> keyPressed(
            @Parameter(description = "The offer's single-use answer token") @RequestParam(required = false) String token,
            @Parameter(description = "Language of the speech: de (default) or en") @RequestParam(required = false)
            String lang,
            @Parameter(description = "The key pressed: 1 accept, 2 decline, 9 repeat") @RequestParam(name = "Digits",
                    required = false) String digits,
            HttpServletRequest request) {
        if (digits == null || !ONE_KEY.matcher(digits).matches()) {
            return ResponseEntity.badRequest().contentType(TWIML).body(Twiml.speaking("en".equals(lang))
                    .say("en".equals(lang) ? "We could not read the key. Goodbye." : "Wir konnten die Taste nicht "
                            + "lesen. Auf Wiederhören.").hangup().toXml());
        }
        boolean english = "en".equals(lang);
        VoiceTexts texts = new VoiceTexts(english);
        String twiml;
        try {
            twiml = switch (digits) {
                case OfferCall.ACCEPT_KEY -> outcome(answering.awaitDecision(
                        answering.answerByKeyPress(token, Answer.ACCEPT)), texts);
                case OfferCall.DECLINE_KEY -> outcome(answering.awaitDecision(
                        answering.answerByKeyPress(token, Answer.DECLINE)), texts);
                case OfferCall.REPEAT_KEY -> repeat(answering.offerFor(token), english, texts, actionOf(request));
                default -> Twiml.speaking(english).gatherOneKey(actionOf(request), 8, texts.wrongKey()
                        + " " + texts.prompt()).say(texts.goodbye()).hangup().toXml();
            };
        } catch (AnswerRefusedException e) {
            log.info("key {} on an offer call refused: {}", digits, e.reason());
            twiml = Twiml.speaking(english).say(texts.refused(e.reason())).hangup().toXml();
        }
        return ResponseEntity.ok().contentType(TWIML).body(twiml);
    }

    private String repeat(Offer offer, boolean english, VoiceTexts texts, String action) {
        if (!answering.answerable(offer)) {
            return Twiml.speaking(english).say(texts.refused(offer.state() == OfferState.OPEN
                    ? AnswerRefusedException.Reason.EXPIRED : AnswerRefusedException.Reason.USED)).hangup().toXml();
        }
        Centre centre = centres.find(offer.centreId()).orElse(null);
        return new OfferCall(english, null, offer.product(), centre == null ? offer.centreId() : centre.name(),
                centre == null ? "" : centre.address(), offer.windowFrom(), offer.windowTo(), offer.answerDeadline())
                .repeatTwiml(action);
    }

    private static String outcome(Offer offer, VoiceTexts texts) {
        return Twiml.speaking(texts.english()).say(texts.outcome(offer)).hangup().toXml();
    }

    /** The URL the gateway posted to (token and language included), so that the next key comes back here too. */
    private static String actionOf(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURL() + (query == null ? "" : "?" + query);
    }

    /** What the caller hears after a key, in German or English. */
    record VoiceTexts(boolean english) {

        String outcome(Offer offer) {
            return switch (offer.state()) {
                case CONFIRMED -> english
                        ? "Thank you. Your acceptance is confirmed: the dose is yours. We will call you again in a "
                                + "moment with the place and time. Goodbye."
                        : "Vielen Dank. Ihre Zusage ist bestätigt, die Dosis ist für Sie. Wir rufen Sie gleich noch "
                                + "einmal an und sagen Ihnen Ort und Zeit. Auf Wiederhören.";
                case TAKEN -> english
                        ? "We are sorry: the dose has already been taken. Please do not come. You keep your place on "
                                + "the list. Goodbye."
                        : "Die Dosis ist leider schon vergeben. Bitte kommen Sie nicht. Sie behalten Ihren Platz auf "
                                + "der Liste. Auf Wiederhören.";
                case DECLINED -> english
                        ? "You declined. You keep your place on the list. Goodbye."
                        : "Sie haben abgesagt. Sie behalten Ihren Platz auf der Liste. Auf Wiederhören.";
                case EXPIRED -> refused(AnswerRefusedException.Reason.EXPIRED);
                default -> offer.answer() == Answer.DECLINE
                        ? (english ? "Your answer is received: you declined. You keep your place on the list. "
                                + "Goodbye." : "Ihre Absage ist eingegangen. Sie behalten Ihren Platz auf der Liste. "
                                + "Auf Wiederhören.")
                        : (english ? "Thank you, your acceptance is received. We will call you in a moment to tell "
                                + "you whether the dose is yours. Please do not set off before that call. Goodbye."
                                : "Vielen Dank, Ihre Zusage ist eingegangen. Wir rufen Sie gleich an und sagen Ihnen, "
                                + "ob die Dosis für Sie ist. Bitte fahren Sie erst nach diesem Anruf los. "
                                + "Auf Wiederhören.");
            };
        }

        String refused(AnswerRefusedException.Reason reason) {
            return switch (reason) {
                case USED -> english ? "You have already answered this offer. Nothing was changed. Goodbye."
                        : "Sie haben auf dieses Angebot schon geantwortet. Es wurde nichts geändert. Auf Wiederhören.";
                case EXPIRED -> english
                        ? "This offer can no longer be answered. You keep your place on the list. Goodbye."
                        : "Dieses Angebot gilt nicht mehr. Sie behalten Ihren Platz auf der Liste. Auf Wiederhören.";
                case UNKNOWN -> english ? "We do not know this offer. Goodbye."
                        : "Dieses Angebot ist uns nicht bekannt. Auf Wiederhören.";
            };
        }

        String wrongKey() {
            return english ? "This key does nothing." : "Diese Taste ist nicht belegt.";
        }

        String prompt() {
            return OfferCall.keys(english);
        }

        String goodbye() {
            return english ? "Goodbye." : "Auf Wiederhören.";
        }
    }
}
