package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.registration.config.OfferProperties;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.offer.application.AnsweringOffer;
import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.registration.offer.web.OfferPages;
import de.nachruecker.registration.candidate.application.CancellingAppointment;
import de.nachruecker.registration.candidate.application.ChangingPreferences;
import de.nachruecker.registration.candidate.application.ConcurrentChangeException;
import de.nachruecker.registration.candidate.application.DuplicateRegistrationException;
import de.nachruecker.registration.candidate.application.InvalidInputException;
import de.nachruecker.registration.candidate.application.OwnRegistrations;
import de.nachruecker.registration.candidate.application.ReadingOwnStatus;
import de.nachruecker.registration.candidate.application.SendingAccessCode;
import de.nachruecker.registration.candidate.application.SendingVerificationCode;
import de.nachruecker.registration.candidate.application.VerificationFailedException;
import de.nachruecker.registration.candidate.application.VerifyingPhone;
import de.nachruecker.registration.candidate.application.WithdrawingCandidate;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.AlreadyVaccinatedException;
import de.nachruecker.registration.candidate.model.CodeRefusedException;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.RegistrationWithdrawnException;
import de.nachruecker.registration.candidate.model.VerificationAttempt;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in citizen's own registration: status, phone verification, preferences, withdrawal and the answer to an
 * offer. Every page acts only on the registration of the access token the session carries, and on offers made to
 * that candidate; without a session they lead to the sign-in page.
 */
@Controller
@Hidden
@RequestMapping("/me")
class MyRegistrationPageController {

    private static final List<String> PREFERENCE_FIELDS = List.of("centreIds", "maxTravelMinutes", "language");

    private final ReadingOwnStatus reading;
    private final OwnRegistrations own;
    private final VerifyingPhone verifying;
    private final SendingVerificationCode sending;
    private final ChangingPreferences changing;
    private final WithdrawingCandidate withdrawing;
    private final AnsweringOffer answering;
    private final SendingAccessCode sendingAccessCode;
    private final CancellingAppointment cancelling;
    private final OfferPages offerPages;
    private final CentreCatalogue centres;
    private final Validator validator;
    private final MessageSource messages;
    private final RegistrationProperties properties;
    private final Clock clock;
    private final long refreshSeconds;

    MyRegistrationPageController(ReadingOwnStatus reading, OwnRegistrations own, VerifyingPhone verifying,
                                 SendingVerificationCode sending, ChangingPreferences changing,
                                 WithdrawingCandidate withdrawing, AnsweringOffer answering,
                                 CancellingAppointment cancelling, OfferPages offerPages,
                                 CentreCatalogue centres, Validator validator, MessageSource messages,
                                 RegistrationProperties properties, OfferProperties offers, Clock clock,
                                 SendingAccessCode sendingAccessCode) {
        this.sendingAccessCode = sendingAccessCode;
        this.reading = reading;
        this.own = own;
        this.verifying = verifying;
        this.sending = sending;
        this.changing = changing;
        this.withdrawing = withdrawing;
        this.answering = answering;
        this.cancelling = cancelling;
        this.offerPages = offerPages;
        this.centres = centres;
        this.validator = validator;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
        this.refreshSeconds = Math.max(1, offers.pageRefresh().toSeconds());
    }

    @GetMapping
    String status(Locale locale, Model model, HttpServletRequest request) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        ReadingOwnStatus.OwnStatus status = reading.read(token.get());
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

    @GetMapping("/verification")
    String verificationForm(Locale locale, Model model, HttpServletRequest request) {
        if (CitizenSession.current(request).isEmpty()) {
            return signIn(locale);
        }
        model.addAttribute("errors", Map.of());
        return "pages/verification";
    }

    @PostMapping("/verification")
    String verify(@RequestParam(required = false) String code, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        PageErrors errors = new PageErrors(List.of("code"), messages, locale);
        String entered = code == null ? "" : code.replaceAll("\\s", "");
        if (!entered.matches("\\d{6}")) {
            errors.field("code");
        } else {
            try {
                verifying.verify(token.get(), entered, request.getRemoteAddr());
                redirect.addFlashAttribute("notice", "verify.done");
                return "redirect:/me?lang=" + locale.getLanguage();
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

    @PostMapping("/verification/code")
    String resendCode(Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        PageErrors errors = new PageErrors(List.of("code"), messages, locale);
        try {
            sending.resend(token.get(), request.getRemoteAddr());
            model.addAttribute("notice", "verify.resent");
        } catch (CodeRefusedException e) {
            switch (e.reason()) {
                case ALREADY_VERIFIED -> {
                    return "redirect:/me?lang=" + locale.getLanguage();
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

    @GetMapping("/preferences")
    String preferencesForm(Locale locale, Model model, HttpServletRequest request) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        Registration registration = own.find(token.get());
        if (registration.preferences().isEmpty()) {
            return "redirect:/me?lang=" + locale.getLanguage();
        }
        return preferences(PreferencesForm.of(registration.preferences().get()),
                new PageErrors(PREFERENCE_FIELDS, messages, locale), model);
    }

    @PostMapping("/preferences")
    String changePreferences(@ModelAttribute("form") PreferencesForm form, Locale locale, Model model,
                             HttpServletRequest request, HttpServletResponse response,
                             RedirectAttributes redirect) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        PreferencesRequest valid = form.toRequest();
        PageErrors errors = new PageErrors(PREFERENCE_FIELDS, messages, locale).check(validator, valid);
        if (errors.isEmpty()) {
            try {
                changing.change(token.get(), new ChangingPreferences.Command(valid.centreIds(),
                        valid.maxTravelMinutes(), Language.fromCode(valid.language()).orElse(null)));
                redirect.addFlashAttribute("notice", "preferences.saved");
                return "redirect:/me?lang=" + locale.getLanguage();
            } catch (InvalidInputException e) {
                errors.violations(e.violations());
            } catch (ConcurrentChangeException e) {
                errors.add("centreIds", "error.changed");
            } catch (AlreadyVaccinatedException | RegistrationWithdrawnException e) {
                return "redirect:/me?lang=" + locale.getLanguage();
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return preferences(form, errors, model);
    }

    private String preferences(PreferencesForm form, PageErrors errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors.asMap());
        model.addAttribute("centres", centres.all());
        model.addAttribute("travelMinutes", RegistrationPageController.TRAVEL_MINUTES);
        return "pages/preferences";
    }

    @GetMapping("/withdraw")
    String withdrawConfirmation(Locale locale, HttpServletRequest request) {
        return CitizenSession.current(request).isEmpty() ? signIn(locale) : "pages/withdraw";
    }

    @PostMapping("/withdraw")
    String withdraw(Locale locale, Model model, HttpServletRequest request) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        withdrawing.withdraw(token.get());
        CitizenSession.signOut(request);
        model.addAttribute("signedIn", false);
        return "pages/withdrawn";
    }

    /** Sends the session's access code by SMS or email, so that nobody has to copy it by hand. */
    @PostMapping("/access-code")
    String sendAccessCode(@RequestParam(defaultValue = "SMS") SendingAccessCode.Channel channel, Locale locale,
                          HttpServletRequest request, RedirectAttributes redirect) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        boolean sent = sendingAccessCode.send(token.get(), channel, request.getRemoteAddr());
        redirect.addFlashAttribute("notice", !sent ? "access-code.not-sent"
                : channel == SendingAccessCode.Channel.SMS ? "access-code.sent-sms" : "access-code.sent-email");
        return "redirect:/me?lang=" + locale.getLanguage();
    }

    /** The confirmation step before an appointment is cancelled: the appointment, and stay on the list or leave. */
    @GetMapping("/appointment/cancel")
    String cancelConfirmation(Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        OfferPages.noStore(response);
        Optional<Offer> appointment = reading.read(token.get()).appointment();
        if (appointment.isEmpty()) {
            return "redirect:/me?lang=" + locale.getLanguage();
        }
        model.addAttribute("appointment", offerPages.details(appointment.get(), locale));
        return "pages/cancel-appointment";
    }

    @PostMapping("/appointment/cancel")
    String cancel(@RequestParam(required = false) String stay, Locale locale, Model model,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        OfferPages.noStore(response);
        if (!"true".equals(stay) && !"false".equals(stay)) {
            return "redirect:/me/appointment/cancel?lang=" + locale.getLanguage();
        }
        boolean stayOnList = Boolean.parseBoolean(stay);
        try {
            cancelling.cancel(token.get(), stayOnList);
        } catch (CancellingAppointment.NoAppointmentException e) {
            redirect.addFlashAttribute("notice", "cancel.none");
            return "redirect:/me?lang=" + locale.getLanguage();
        }
        if (!stayOnList) {
            CitizenSession.signOut(request);
            model.addAttribute("signedIn", false);
            model.addAttribute("cancelled", true);
            return "pages/withdrawn";
        }
        redirect.addFlashAttribute("notice", "cancel.done");
        return "redirect:/me?lang=" + locale.getLanguage();
    }

    /** The open offer with its answer forms; answered already or none: back to the status. */
    @GetMapping("/offer")
    String offer(Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        OfferPages.noStore(response);
        Optional<Offer> open = reading.read(token.get()).openOffer()
                .filter(offer -> offer.state() == OfferState.OPEN);
        if (open.isEmpty()) {
            return "redirect:/me?lang=" + locale.getLanguage();
        }
        model.addAttribute("offerId", open.get().offerId());
        return offerPages.answerPage(open.get(), "/me/offer", locale, model);
    }

    @PostMapping("/offer")
    String answer(@RequestParam(required = false) String offerId, @RequestParam(required = false) String answer,
                  Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<AccessToken> token = CitizenSession.current(request);
        if (token.isEmpty()) {
            return signIn(locale);
        }
        OfferPages.noStore(response);
        Answer given = answer == null ? null : switch (answer) {
            case "ACCEPT" -> Answer.ACCEPT;
            case "DECLINE" -> Answer.DECLINE;
            default -> null;
        };
        if (given == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", "invalid");
            return "offers/outcome";
        }
        String candidateId = own.find(token.get()).candidateId();
        String reloadUrl = "/me?lang=" + locale.getLanguage();
        try {
            return offerPages.outcome(answering.awaitDecision(answering.answerAsCandidate(candidateId, offerId, given,
                    request.getRemoteAddr())), reloadUrl, locale, model);
        } catch (AnswerRefusedException e) {
            return offerPages.refused(e.reason(), null, reloadUrl, locale, model, response);
        }
    }

    private static String signIn(Locale locale) {
        return "redirect:/sign-in?lang=" + locale.getLanguage();
    }
}
