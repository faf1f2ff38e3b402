package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.DuplicateRegistrationException;
import de.nachruecker.registration.candidate.application.SendingVerificationCode;
import de.nachruecker.registration.candidate.application.VerificationFailedException;
import de.nachruecker.registration.candidate.application.VerifyingPhone;
import de.nachruecker.registration.candidate.model.CodeRefusedException;
import de.nachruecker.registration.candidate.model.VerificationAttempt;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Proving the phone: entering the code sent to it, and asking for a new one. */
@Controller
@Hidden
@RequestMapping("/me/verification")
class VerificationPageController {

    private final VerifyingPhone verifying;
    private final SendingVerificationCode sending;
    private final MessageSource messages;
    private final Clock clock;

    VerificationPageController(VerifyingPhone verifying, SendingVerificationCode sending, MessageSource messages,
                               Clock clock) {
        this.verifying = verifying;
        this.sending = sending;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping
    String verificationForm(SignedInCitizen citizen, Model model) {
        model.addAttribute("errors", Map.of());
        return "pages/verification";
    }

    @PostMapping
    String verify(SignedInCitizen citizen, @RequestParam(required = false) String code, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        PageErrors errors = new PageErrors(List.of("code"), messages, locale);
        String entered = code == null ? "" : code.replaceAll("\\s", "");
        if (!entered.matches("\\d{6}")) {
            errors.field("code");
        } else {
            try {
                verifying.verify(citizen.accessToken(), entered, request.getRemoteAddr());
                redirect.addFlashAttribute("notice", "verify.done");
                return CitizenPages.backToStatus(locale);
            } catch (DuplicateRegistrationException e) {
                errors.add("code", e.kind() == DuplicateRegistrationException.Kind.HOUSEHOLD_FULL
                        ? "error.code.household-full" : "error.code.person-registered");
            } catch (VerificationFailedException e) {
                VerificationAttempt attempt = e.attempt();
                switch (attempt.outcome()) {
                    case WRONG_CODE -> errors.add("code", "error.code.wrong", attempt.attemptsLeft());
                    case EXPIRED -> errors.add("code", "error.code.expired");
                    default -> errors.add("code", "error.code.used-up");
                }
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("errors", errors.asMap());
        return "pages/verification";
    }

    @PostMapping("/code")
    String resendCode(SignedInCitizen citizen, Locale locale, Model model, HttpServletRequest request,
                      HttpServletResponse response) {
        PageErrors errors = new PageErrors(List.of("code"), messages, locale);
        try {
            sending.resend(citizen.accessToken(), request.getRemoteAddr());
            model.addAttribute("notice", "verify.resent");
        } catch (CodeRefusedException e) {
            switch (e.reason()) {
                case ALREADY_VERIFIED -> {
                    return CitizenPages.backToStatus(locale);
                }
                case TOO_SOON -> errors.add("code", "error.code.too-soon",
                        Math.max(1, Duration.between(clock.instant(), e.nextPossibleAt()).toSeconds()));
                default -> errors.add("code", "error.code.no-more");
            }
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        }
        model.addAttribute("errors", errors.asMap());
        return "pages/verification";
    }
}
