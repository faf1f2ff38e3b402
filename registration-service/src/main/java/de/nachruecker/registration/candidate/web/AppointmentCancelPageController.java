package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.CancellingAppointment;
import de.nachruecker.registration.candidate.application.ReadingOwnStatus;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.web.OfferPages;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Locale;
import java.util.Optional;

/** Cancelling the confirmed appointment: a confirmation step, then stay on the list or leave it. */
@Controller
@Hidden
@RequestMapping("/me/appointment/cancel")
class AppointmentCancelPageController {

    private final ReadingOwnStatus reading;
    private final CancellingAppointment cancelling;
    private final OfferPages offerPages;

    AppointmentCancelPageController(ReadingOwnStatus reading, CancellingAppointment cancelling,
                                    OfferPages offerPages) {
        this.reading = reading;
        this.cancelling = cancelling;
        this.offerPages = offerPages;
    }

    /** The confirmation step: the appointment, and stay on the list or leave. */
    @GetMapping
    String cancelConfirmation(SignedInCitizen citizen, Locale locale, Model model, HttpServletResponse response) {
        OfferPages.noStore(response);
        Optional<Offer> appointment = reading.read(citizen.accessToken()).appointment();
        if (appointment.isEmpty()) {
            return CitizenPages.backToStatus(locale);
        }
        model.addAttribute("appointment", offerPages.details(appointment.get(), locale));
        return "pages/cancel-appointment";
    }

    @PostMapping
    String cancel(SignedInCitizen citizen, @RequestParam(required = false) String stay, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        OfferPages.noStore(response);
        if (!"true".equals(stay) && !"false".equals(stay)) {
            return "redirect:/me/appointment/cancel?lang=" + locale.getLanguage();
        }
        boolean stayOnList = Boolean.parseBoolean(stay);
        try {
            cancelling.cancel(citizen.accessToken(), stayOnList);
        } catch (CancellingAppointment.NoAppointmentException e) {
            redirect.addFlashAttribute("notice", "cancel.none");
            return CitizenPages.backToStatus(locale);
        }
        if (!stayOnList) {
            CitizenSession.signOut(request);
            model.addAttribute("signedIn", false);
            model.addAttribute("cancelled", true);
            return "pages/withdrawn";
        }
        redirect.addFlashAttribute("notice", "cancel.done");
        return CitizenPages.backToStatus(locale);
    }
}
