package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.UnknownAccessTokenException;
import de.nachruecker.registration.offer.web.MyOfferPageController;
import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.support.centre.CentreCatalogue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Locale;

/** What every citizen page has: its language, whether someone is signed in, and the friendly 429 page. */
@ControllerAdvice(assignableTypes = {RegistrationPageController.class, StatusPageController.class,
        VerificationPageController.class, PreferencesPageController.class, WithdrawalPageController.class,
        AccessCodeController.class, AppointmentCancelPageController.class, MyOfferPageController.class})
class CitizenPages {

    /** The travel times a citizen chooses from, in minutes. */
    static final List<Integer> TRAVEL_MINUTES = List.of(15, 30, 45, 60, 90, 120, 180);

    /** Where a {@code /me} page leads once its work is done, or when it has nothing to show. */
    static String backToStatus(Locale locale) {
        return "redirect:/me?lang=" + locale.getLanguage();
    }

    /** A form in which the citizen chooses centres and a travel time (registering, preferences), with its errors. */
    static void centresForm(Model model, Object form, PageErrors errors, CentreCatalogue centres) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("centres", centres.all());
        model.addAttribute("travelMinutes", TRAVEL_MINUTES);
    }

    @ModelAttribute
    void common(Locale locale, HttpServletRequest request, Model model) {
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("signedIn", CitizenSession.current(request).isPresent());
    }

    @ExceptionHandler
    ModelAndView tooManyRequests(RateLimitExceededException e, Locale locale, HttpServletRequest request,
                                 HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        ModelAndView page = new ModelAndView("pages/too-many", HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("retryMinutes", (e.retryAfterSeconds() + 59) / 60);
        page.addObject("lang", locale.getLanguage());
        page.addObject("signedIn", CitizenSession.current(request).isPresent());
        return page;
    }

    /** A {@code /me} page without a page session ({@link SignedInCitizens}). */
    @ExceptionHandler
    String notSignedIn(NotSignedInException e, Locale locale) {
        return signIn(locale);
    }

    /** The session's registration is gone (erased at the end of the retention period): start again. */
    @ExceptionHandler
    String unknown(UnknownAccessTokenException e, Locale locale, HttpServletRequest request) {
        CitizenSession.signOut(request);
        return signIn(locale);
    }

    private static String signIn(Locale locale) {
        return "redirect:/sign-in?lang=" + locale.getLanguage();
    }
}
