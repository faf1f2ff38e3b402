package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Locale;
import java.util.Optional;

/**
 * The signed-in citizen's open offer with its answer forms (the same page as the message's link, authorised by the
 * page session instead of the answer token); answered already or none: back to the status. A citizen page like the
 * other {@code /me} pages (the candidate feature's {@code CitizenPages} applies to it).
 */
@Controller
@Hidden
@RequestMapping(MyOfferPageController.PATH)
public class MyOfferPageController {

    static final String PATH = "/me/offer";

    private final AnsweringOffer answering;
    private final OfferPages offerPages;

    MyOfferPageController(AnsweringOffer answering, OfferPages offerPages) {
        this.answering = answering;
        this.offerPages = offerPages;
    }

    @GetMapping
    String offer(SignedInCandidate candidate, Locale locale, Model model, HttpServletResponse response) {
        OfferPages.noStore(response);
        Optional<Offer> open = answering.openOfferOf(candidate.candidateId())
                .filter(offer -> offer.state() == OfferState.OPEN);
        if (open.isEmpty()) {
            return "redirect:/me?lang=" + locale.getLanguage();
        }
        model.addAttribute("offerId", open.get().offerId());
        return offerPages.answerPage(open.get(), PATH, locale, model);
    }

    @PostMapping
    String answer(SignedInCandidate candidate, @RequestParam(required = false) String offerId,
                  @RequestParam(required = false) String answer, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        OfferPages.noStore(response);
        Answer given = answer == null ? null : switch (answer) {
            case "ACCEPT" -> Answer.ACCEPT;
            case "DECLINE" -> Answer.DECLINE;
            default -> null;
        };
        if (given == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", "invalid");
            return "offers/outcome";
        }
        String reloadUrl = "/me?lang=" + locale.getLanguage();
        try {
            return offerPages.outcome(answering.awaitDecision(answering.answerAsCandidate(candidate.candidateId(),
                    offerId, given, request.getRemoteAddr())), reloadUrl, locale, model);
        } catch (AnswerRefusedException e) {
            return offerPages.refused(e.reason(), null, reloadUrl, locale, model, response);
        }
    }
}
