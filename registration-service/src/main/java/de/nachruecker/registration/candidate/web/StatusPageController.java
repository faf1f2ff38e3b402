package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.registration.candidate.application.ReadingOwnStatus;
import de.nachruecker.registration.config.OfferProperties;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.offer.web.OfferPages;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The signed-in citizen's status page: the registration, the place in the pool, an offer waiting, the appointment.
 * Every {@code /me} page acts only on the registration of the access token the session carries
 * ({@link SignedInCitizen}); without a session it leads to the sign-in page.
 */
@Controller
@Hidden
class StatusPageController {

    private final ReadingOwnStatus reading;
    private final OfferPages offerPages;
    private final CentreCatalogue centres;
    private final MessageSource messages;
    private final RegistrationProperties properties;
    private final Clock clock;
    private final long refreshSeconds;

    StatusPageController(ReadingOwnStatus reading, OfferPages offerPages, CentreCatalogue centres,
                         MessageSource messages, RegistrationProperties properties, OfferProperties offers,
                         Clock clock) {
        this.reading = reading;
        this.offerPages = offerPages;
        this.centres = centres;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        this.refreshSeconds = Math.max(1, offers.pageRefresh().toSeconds());
    }

    @GetMapping("/me")
    String status(SignedInCitizen citizen, Locale locale, Model model) {
        ReadingOwnStatus.OwnStatus status = reading.read(citizen.accessToken());
        StatusPage page = StatusPage.of(status,
                status.openOffer().map(offer -> offerPages.details(offer, locale)).orElse(null),
                status.appointment().map(offer -> offerPages.details(offer, locale)).orElse(null), centres,
                DateTimeFormatter.ofPattern(messages.getMessage("format.date", null, locale), locale),
                properties.zone(), clock.instant());
        model.addAttribute("status", page);
        // whose page this is matters when one phone serves a household; a verified phone can take the next person
        status.registration().applicant()
                .ifPresent(applicant -> model.addAttribute("personName", applicant.name()));
        model.addAttribute("mayAddPerson", status.registration().isVerified() && !status.registration().isWithdrawn());
        model.addAttribute("maxPersons", properties.household().maxPersonsPerPhone());
        model.addAttribute("hasEmail", status.registration().applicant().map(a -> a.email() != null).orElse(false));
        model.addAttribute("hasMobile", status.registration().applicant()
                .map(a -> a.phoneKind() == PhoneKind.MOBILE).orElse(false));
        if (page.offerAnswered()) {
            // waiting for the allocation service's decision: the page reloads itself, without JavaScript
            model.addAttribute("refreshSeconds", refreshSeconds);
            model.addAttribute("reloadUrl", "/me?lang=" + locale.getLanguage());
        }
        return "pages/status";
    }
}
