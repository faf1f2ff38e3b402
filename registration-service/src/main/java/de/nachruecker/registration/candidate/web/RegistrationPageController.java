package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.candidate.application.DuplicateRegistrationException;
import de.nachruecker.registration.candidate.application.InvalidInputException;
import de.nachruecker.registration.candidate.application.OwnRegistrations;
import de.nachruecker.registration.candidate.application.RegisteringCandidate;
import de.nachruecker.registration.candidate.application.UnknownAccessTokenException;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The citizen's way in: the start page, registering (also by a helper), signing in with the access code, out. */
@Controller
@Hidden
class RegistrationPageController {

    static final List<String> FIELDS = List.of("name", "birthDate", "phone", "email", "priorityGroup", "centreIds",
            "maxTravelMinutes", "language", "consent");

    private final RegisteringCandidate registering;
    private final OwnRegistrations own;
    private final RateLimiter rateLimiter;
    private final CentreCatalogue centres;
    private final Validator validator;
    private final MessageSource messages;
    private final long retentionDays;
    private final int maxPersons;
    private final long proofMinutes;

    RegistrationPageController(RegisteringCandidate registering, OwnRegistrations own, RateLimiter rateLimiter,
                               CentreCatalogue centres, Validator validator, MessageSource messages,
                               RegistrationProperties properties) {
        this.registering = registering;
        this.own = own;
        this.rateLimiter = rateLimiter;
        this.centres = centres;
        this.validator = validator;
        this.messages = messages;
        this.retentionDays = properties.retention().toDays();
        this.maxPersons = properties.household().maxPersonsPerPhone();
        this.proofMinutes = properties.household().proofValidity().toMinutes();
    }

    @GetMapping("/")
    String home() {
        return "pages/home";
    }

    /**
     * @param another {@code true}: the next person on the signed-in registration's phone (a household); the form
     *                comes with that phone, email, centres and travel time filled in
     */
    @GetMapping("/register")
    String registerForm(@RequestParam(defaultValue = "false") boolean another, Locale locale, Model model,
                        HttpServletRequest request) {
        RegistrationForm form = RegistrationForm.empty(locale.getLanguage());
        if (another) {
            Optional<Registration> signedIn = CitizenSession.current(request).flatMap(this::findQuietly)
                    .filter(registration -> !registration.isWithdrawn());
            if (signedIn.isPresent()) {
                form = RegistrationForm.anotherPerson(signedIn.get().applicant().orElseThrow(),
                        signedIn.get().preferences().orElseThrow());
                model.addAttribute("household", true);
            }
        }
        return form(form, new PageErrors(FIELDS, messages, locale), model);
    }

    private Optional<Registration> findQuietly(AccessToken token) {
        try {
            return Optional.of(own.find(token));
        } catch (UnknownAccessTokenException e) {
            return Optional.empty();
        }
    }

    @PostMapping("/register")
    String register(@ModelAttribute("form") RegistrationForm form, Locale locale, Model model,
                    HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        PageErrors errors = new PageErrors(FIELDS, messages, locale).check(validator, form.toRequest());
        if (errors.isEmpty()) {
            RegistrationRequest valid = form.toRequest();
            try {
                // the signed-in person's token is the proof of the phone for the next person on it (a household)
                RegisteringCandidate.NewRegistration created = registering.register(new RegisteringCandidate.Command(
                        valid.name(), valid.birthDate(), valid.phone(), valid.email(),
                        Language.fromCode(valid.language()).orElse(Language.DE), valid.priorityGroup(),
                        valid.centreIds(), valid.maxTravelMinutes(), valid.phoneKind()), CitizenSession.current(request),
                        request.getRemoteAddr());
                CitizenSession.signIn(request, created.accessToken());
                redirect.addFlashAttribute("accessCode", created.accessToken().grouped());
                redirect.addFlashAttribute("personName", valid.name().strip());
                redirect.addFlashAttribute("verifiedOnProof", created.registration().isVerified());
                redirect.addFlashAttribute("hasEmail", valid.email() != null);
                redirect.addFlashAttribute("hasMobile", created.registration().applicant()
                        .map(applicant -> applicant.phoneKind() == PhoneKind.MOBILE).orElse(false));
                return "redirect:/register/done?lang=" + locale.getLanguage();
            } catch (InvalidInputException e) {
                errors.violations(e.violations());
            } catch (DuplicateRegistrationException e) {
                if (e.kind() == DuplicateRegistrationException.Kind.HOUSEHOLD_FULL) {
                    errors.add("phone", "error.phone.householdFull");
                } else {
                    errors.add("name", "error.name.duplicate");
                }
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(form, errors, model);
    }

    private String form(RegistrationForm form, PageErrors errors, Model model) {
        CitizenPages.centresForm(model, form, errors, centres);
        model.addAttribute("groups", PriorityGroup.values());
        model.addAttribute("retentionDays", retentionDays);
        model.addAttribute("maxPersons", maxPersons);
        model.addAttribute("proofMinutes", proofMinutes);
        return "pages/register";
    }

    /** Shows the access code once: it came as a flash attribute from the registration and is gone on reload. */
    @GetMapping("/register/done")
    String registered(Model model, Locale locale) {
        if (!model.containsAttribute("accessCode")) {
            return CitizenPages.backToStatus(locale);
        }
        return "pages/registered";
    }

    @GetMapping("/sign-in")
    String signInForm(Model model) {
        model.addAttribute("errors", Map.of());
        return "pages/sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(@RequestParam(required = false) String code, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        rateLimiter.checkAddress(LimitedAction.SIGN_IN, request.getRemoteAddr());
        try {
            AccessToken token = AccessToken.parse(code == null ? null : code.strip())
                    .orElseThrow(UnknownAccessTokenException::new);
            own.find(token);
            CitizenSession.signIn(request, token);
            return CitizenPages.backToStatus(locale);
        } catch (UnknownAccessTokenException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", new PageErrors(List.of("code"), messages, locale)
                    .add("code", "error.accessCode").asMap());
            return "pages/sign-in";
        }
    }

    @PostMapping("/sign-out")
    String signOut(Locale locale, HttpServletRequest request) {
        CitizenSession.signOut(request);
        return "redirect:/?lang=" + locale.getLanguage();
    }
}
