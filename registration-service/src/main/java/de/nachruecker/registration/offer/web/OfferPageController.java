package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.Locale;

/**
 * The page the offer message links to: shows the offer with two forms that POST the answer (with the form's CSRF
 * token; the single-use answer token is what authorises the answer). A GET never changes anything (mail scanners and
 * link previews follow links), and pages work without JavaScript.
 */
@Controller
@Hidden
@RequestMapping(OfferPageController.PATH)
class OfferPageController {

    static final String PATH = "/offers/answer";

    private final AnsweringOffer answering;
    private final OfferPages pages;
    private final Clock clock;

    OfferPageController(AnsweringOffer answering, OfferPages pages, Clock clock) {
        this.answering = answering;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    String show(@RequestParam(required = false) String token, Locale locale, Model model,
                HttpServletResponse response) {
        OfferPages.noStore(response);
        model.addAttribute("lang", locale.getLanguage());
        Offer offer;
        try {
            offer = answering.offerFor(token);
        } catch (AnswerRefusedException e) {
            return pages.refused(e.reason(), null, null, locale, model, response);
        }
        model.addAttribute("token", token);
        if (offer.answerableAt(clock.instant())) {
            return pages.answerPage(offer, PATH, locale, model);
        }
        if (offer.state() != OfferState.ANSWERED) {
            // the link has done its job: a decision stays readable, but the link no longer answers anything
            response.setStatus(HttpStatus.GONE.value());
        }
        if (offer.state() == OfferState.OPEN) {
            model.addAttribute("page", "expired");
            return "offers/outcome";
        }
        return pages.outcome(offer, reloadUrl(token, locale), locale, model);
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    String answer(@RequestParam(required = false) String token, @RequestParam(required = false) String answer,
                  Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        OfferPages.noStore(response);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("token", token);
        Answer given = OfferAnswerRequest.parse(answer);
        if (given == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", "invalid");
            return "offers/outcome";
        }
        try {
            return pages.outcome(answering.awaitDecision(answering.answer(token, given, request.getRemoteAddr())),
                    reloadUrl(token, locale), locale, model);
        } catch (RateLimitExceededException e) {
            return pages.tooMany(e, model, response);
        } catch (AnswerRefusedException e) {
            Offer offer = e.reason() == AnswerRefusedException.Reason.USED ? answering.offerFor(token) : null;
            return pages.refused(e.reason(), offer, reloadUrl(token, locale), locale, model, response);
        }
    }

    private static String reloadUrl(String token, Locale locale) {
        return UriComponentsBuilder.fromPath(PATH).queryParam("token", token)
                .queryParam("lang", locale.getLanguage()).encode().build().toUriString();
    }
}
