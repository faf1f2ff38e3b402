package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.WithdrawingCandidate;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Leaving the list: a confirmation step, then the withdrawal, which also ends the session. */
@Controller
@Hidden
@RequestMapping("/me/withdraw")
class WithdrawalPageController {

    private final WithdrawingCandidate withdrawing;

    WithdrawalPageController(WithdrawingCandidate withdrawing) {
        this.withdrawing = withdrawing;
    }

    @GetMapping
    String withdrawConfirmation(SignedInCitizen citizen) {
        return "pages/withdraw";
    }

    @PostMapping
    String withdraw(SignedInCitizen citizen, Model model, HttpServletRequest request) {
        withdrawing.withdraw(citizen.accessToken());
        CitizenSession.signOut(request);
        model.addAttribute("signedIn", false);
        return "pages/withdrawn";
    }
}
