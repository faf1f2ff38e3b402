package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.SendingAccessCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Locale;

/** The status page's "send me my access code": by SMS or email, so that nobody has to copy it by hand. */
@Controller
@Hidden
class AccessCodeController {

    private final SendingAccessCode sendingAccessCode;

    AccessCodeController(SendingAccessCode sendingAccessCode) {
        this.sendingAccessCode = sendingAccessCode;
    }

    @PostMapping("/me/access-code")
    String sendAccessCode(SignedInCitizen citizen,
                          @RequestParam(defaultValue = "SMS") SendingAccessCode.Channel channel, Locale locale,
                          HttpServletRequest request, RedirectAttributes redirect) {
        boolean sent = sendingAccessCode.send(citizen.accessToken(), channel, request.getRemoteAddr());
        redirect.addFlashAttribute("notice", !sent ? "access-code.not-sent"
                : channel == SendingAccessCode.Channel.SMS ? "access-code.sent-sms" : "access-code.sent-email");
        return CitizenPages.backToStatus(locale);
    }
}
