package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.config.OfferProperties;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.support.centre.CentreCatalogue;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.Locale;

/**
 * How an offer, the outcome of an answer, or a refusal is shown; shared by the page the offer message links to and
 * the citizen's status pages. {@code reloadUrl} is where a page waiting for the decision reloads itself.
 */
@Component
public class OfferPages {

    private final CentreCatalogue centres;
    private final MessageSource messages;
    private final RegistrationProperties registration;
    private final long refreshSeconds;

    OfferPages(CentreCatalogue centres, MessageSource messages, RegistrationProperties registration,
               OfferProperties properties) {
        this.centres = centres;
        this.messages = messages;
        this.registration = registration;
        this.refreshSeconds = Math.max(1, properties.pageRefresh().toSeconds());
    }

    /** The offer with the two answer forms, which post to {@code answerAction}. */
    public String answerPage(Offer offer, String answerAction, Locale locale, Model model) {
        model.addAttribute("offer", details(offer, locale));
        model.addAttribute("answerAction", answerAction);
        return "offers/answer";
    }

    public String outcome(Offer offer, String reloadUrl, Locale locale, Model model) {
        model.addAttribute("offer", details(offer, locale));
        model.addAttribute("page", OfferOutcome.of(offer.state()).name().toLowerCase(Locale.ROOT));
        model.addAttribute("reloadUrl", reloadUrl);
        if (!offer.state().isFinal()) {
            model.addAttribute("refreshSeconds", refreshSeconds);
        }
        return "offers/outcome";
    }

    /** Unknown, used or expired: a clear page that says nothing about offers of other tokens. */
    public String refused(AnswerRefusedException.Reason reason, Offer used, String reloadUrl, Locale locale,
                          Model model, HttpServletResponse response) {
        response.setStatus(OfferAnswerProblems.statusOf(reason).value());
        if (used != null) {
            model.addAttribute("alreadyAnswered", true);
            return outcome(used, reloadUrl, locale, model);
        }
        model.addAttribute("page", reason.name().toLowerCase(Locale.ROOT));
        return "offers/outcome";
    }

    /** 429 with Retry-After, in words: try again in a few minutes. */
    public String tooMany(RateLimitExceededException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        model.addAttribute("retryMinutes", (e.retryAfterSeconds() + 59) / 60);
        model.addAttribute("page", "too-many");
        return "offers/outcome";
    }

    /** The pages carry the secret token or the citizen's appointment: no cache may keep them. */
    public static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    public OfferDetails details(Offer offer, Locale locale) {
        return OfferDetails.of(offer, centres.find(offer.centreId()).orElse(null), messages, locale,
                registration.zone());
    }
}
