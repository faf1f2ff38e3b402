package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.config.OfferProperties;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The page the offer message links to: shows the offer with two forms that POST the answer. A GET never changes
 * anything (mail scanners and link previews follow links), and pages work without JavaScript.
 */
@Controller
@Hidden
@RequestMapping(OfferPageController.PATH)
class OfferPageController {

    static final String PATH = "/offers/answer";

    private final AnsweringOffer answering;
    private final CentreCatalogue centres;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;
    private final long refreshSeconds;

    OfferPageController(AnsweringOffer answering, CentreCatalogue centres, MessageSource messages, Clock clock,
                        RegistrationProperties registration, OfferProperties properties) {
        this.answering = answering;
        this.centres = centres;
        this.messages = messages;
        this.clock = clock;
        this.zone = registration.zone();
        this.refreshSeconds = Math.max(1, properties.pageRefresh().toSeconds());
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    String show(@RequestParam(required = false) String token, Locale locale, Model model,
                HttpServletResponse response) {
        noStore(response);
        model.addAttribute("lang", locale.getLanguage());
        Offer offer;
        try {
            offer = answering.offerFor(token);
        } catch (AnswerRefusedException e) {
            return refused(e.reason(), null, locale, model, response);
        }
        model.addAttribute("token", token);
        if (offer.answerableAt(clock.instant())) {
            model.addAttribute("offer", details(offer, locale));
            return "offers/answer";
        }
        if (offer.state() != OfferState.ANSWERED) {
            // the link has done its job: a decision stays readable, but the link no longer answers anything
            response.setStatus(HttpStatus.GONE.value());
        }
        if (offer.state() == OfferState.OPEN) {
            model.addAttribute("page", "expired");
            return "offers/outcome";
        }
        return outcome(offer, locale, model);
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    String answer(@RequestParam(required = false) String token, @RequestParam(required = false) String answer,
                  Locale locale, Model model, HttpServletResponse response) {
        noStore(response);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("token", token);
        Answer given = OfferAnswerRequest.parse(answer);
        if (given == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", "invalid");
            return "offers/outcome";
        }
        try {
            return outcome(answering.awaitDecision(answering.answer(token, given)), locale, model);
        } catch (AnswerRefusedException e) {
            Offer offer = e.reason() == AnswerRefusedException.Reason.USED ? answering.offerFor(token) : null;
            return refused(e.reason(), offer, locale, model, response);
        }
    }

    private String outcome(Offer offer, Locale locale, Model model) {
        model.addAttribute("offer", details(offer, locale));
        model.addAttribute("page", OfferOutcome.of(offer.state()).name().toLowerCase(Locale.ROOT));
        if (!offer.state().isFinal()) {
            model.addAttribute("refreshSeconds", refreshSeconds);
        }
        return "offers/outcome";
    }

    /** Unknown, used or expired: a clear page that says nothing about offers of other tokens. */
    private String refused(AnswerRefusedException.Reason reason, Offer used, Locale locale, Model model,
                           HttpServletResponse response) {
        response.setStatus(OfferAnswerProblems.statusOf(reason).value());
        if (used != null) {
            model.addAttribute("alreadyAnswered", true);
            return outcome(used, locale, model);
        }
        model.addAttribute("page", reason.name().toLowerCase(Locale.ROOT));
        return "offers/outcome";
    }

    /** The pages carry the secret token and the citizen's appointment: no cache may keep them. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private OfferDetails details(Offer offer, Locale locale) {
        return OfferDetails.of(offer, centres.find(offer.centreId()).orElse(null), messages, locale, zone);
    }
}
