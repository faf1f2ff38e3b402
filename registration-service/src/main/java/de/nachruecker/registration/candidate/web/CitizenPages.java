package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.registration.candidate.application.UnknownAccessTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import java.util.Locale;

/** What every citizen page has: its language, whether someone is signed in, and the friendly 429 page. */
@ControllerAdvice(assignableTypes = {RegistrationPageController.class, MyRegistrationPageController.class})
class CitizenPages {

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

    /** The session's registration is gone (erased at the end of the retention period): start again. */
    @ExceptionHandler
    String unknown(UnknownAccessTokenException e, Locale locale, HttpServletRequest request) {
        CitizenSession.signOut(request);
        return "redirect:/sign-in?lang=" + locale.getLanguage();
    }
}
