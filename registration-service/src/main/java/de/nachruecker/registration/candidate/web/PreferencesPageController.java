package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.ChangingPreferences;
import de.nachruecker.registration.candidate.application.ConcurrentChangeException;
import de.nachruecker.registration.candidate.application.InvalidInputException;
import de.nachruecker.registration.candidate.application.OwnRegistrations;
import de.nachruecker.registration.candidate.model.AlreadyVaccinatedException;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.RegistrationWithdrawnException;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Locale;

/** Changing the centres, the travel time and the message language. */
@Controller
@Hidden
@RequestMapping("/me/preferences")
class PreferencesPageController {

    private static final List<String> PREFERENCE_FIELDS = List.of("centreIds", "maxTravelMinutes", "language");

    private final OwnRegistrations own;
    private final ChangingPreferences changing;
    private final CentreCatalogue centres;
    private final Validator validator;
    private final MessageSource messages;

    PreferencesPageController(OwnRegistrations own, ChangingPreferences changing, CentreCatalogue centres,
                              Validator validator, MessageSource messages) {
        this.own = own;
        this.changing = changing;
        this.centres = centres;
        this.validator = validator;
        this.messages = messages;
    }

    @GetMapping
    String preferencesForm(SignedInCitizen citizen, Locale locale, Model model) {
        Registration registration = own.find(citizen.accessToken());
        if (registration.preferences().isEmpty()) {
            return CitizenPages.backToStatus(locale);
        }
        return preferences(PreferencesForm.of(registration.preferences().get()),
                new PageErrors(PREFERENCE_FIELDS, messages, locale), model);
    }

    @PostMapping
    String changePreferences(SignedInCitizen citizen, @ModelAttribute("form") PreferencesForm form, Locale locale,
                             Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PreferencesRequest valid = form.toRequest();
        PageErrors errors = new PageErrors(PREFERENCE_FIELDS, messages, locale).check(validator, valid);
        if (errors.isEmpty()) {
            try {
                changing.change(citizen.accessToken(), new ChangingPreferences.Command(valid.centreIds(),
                        valid.maxTravelMinutes(), Language.fromCode(valid.language()).orElse(null)));
                redirect.addFlashAttribute("notice", "preferences.saved");
                return CitizenPages.backToStatus(locale);
            } catch (InvalidInputException e) {
                errors.violations(e.violations());
            } catch (ConcurrentChangeException e) {
                errors.add("centreIds", "error.changed");
            } catch (AlreadyVaccinatedException | RegistrationWithdrawnException e) {
                return CitizenPages.backToStatus(locale);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return preferences(form, errors, model);
    }

    private String preferences(PreferencesForm form, PageErrors errors, Model model) {
        CitizenPages.centresForm(model, form, errors, centres);
        return "pages/preferences";
    }
}
