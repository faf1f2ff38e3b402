package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.config.RegistrationConfiguration;
import de.nachruecker.registration.candidate.application.CancellingAppointment;
import de.nachruecker.registration.candidate.application.ChangingPreferences;
import de.nachruecker.registration.candidate.application.ReadingOwnStatus;
import de.nachruecker.registration.candidate.application.RegisteringCandidate;
import de.nachruecker.registration.candidate.application.WithdrawingCandidate;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.support.centre.CentreCatalogue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping(RegistrationController.BASE)
@Tag(name = "Registrations", description = "Register as a standby candidate for freed vaccine doses, read and change "
        + "your own registration, withdraw. There are no accounts: the access token handed out at registration is "
        + "the key to one's own registration.")
class RegistrationController {

    static final String BASE = "/api/registrations";

    private final RegisteringCandidate registering;
    private final ReadingOwnStatus reading;
    private final ChangingPreferences changingPreferences;
    private final WithdrawingCandidate withdrawing;
    private final CancellingAppointment cancelling;
    private final CentreCatalogue centres;

    RegistrationController(RegisteringCandidate registering, ReadingOwnStatus reading,
                           ChangingPreferences changingPreferences, WithdrawingCandidate withdrawing,
                           CancellingAppointment cancelling, CentreCatalogue centres) {
        this.registering = registering;
        this.reading = reading;
        this.changingPreferences = changingPreferences;
        this.withdrawing = withdrawing;
        this.cancelling = cancelling;
        this.centres = centres;
    }

    @PostMapping
    @Operation(summary = "Register as a standby candidate",
            description = "Checks the input (German/EU mobile number, age 16 to 120, known centres, consent), stores "
                    + "the registration and publishes it. The answer carries the personal access token, which is "
                    + "shown only this once. One phone number may be the contact of several people (up to "
                    + "`household.max-persons-per-phone`, 6 by default), each with their own registration and "
                    + "access token. A code is sent to the phone to verify it, unless `Authorization: Bearer` carries "
                    + "the access token of another person on the same phone whose code was entered at most "
                    + "`household.proof-validity` (30 minutes) ago: then this person is verified on that proof "
                    + "(`status=ACTIVE`). Any other token is ignored and a code is sent.")
    @ApiResponse(responseCode = "201", description = "Registered; keep the access token")
    @ApiResponse(responseCode = "400", description = "Invalid input; `errors` names each field and what is wrong")
    @ApiResponse(responseCode = "409", description = "This person is already registered and verified, or this phone "
            + "number is already the contact of as many verified registrations as it may be (unverified "
            + "registrations never count)")
    @ApiResponse(responseCode = "429", description = "Too many registrations from this address or for this phone "
            + "number lately; see Retry-After")
    ResponseEntity<RegistrationCreated> register(@Valid @RequestBody RegistrationRequest request,
                                                 @Parameter(description = "Optional: `Bearer <access token>` of "
                                                         + "another person on the same phone, verified moments ago")
                                                 @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                                 String authorization,
                                                 HttpServletRequest http) {
        RegisteringCandidate.NewRegistration created = registering.register(new RegisteringCandidate.Command(
                request.name(), request.birthDate(), request.phone(),
                request.email() == null || request.email().isBlank() ? null : request.email().strip(),
                language(request.language(), Language.DE), request.priorityGroup(), request.centreIds(),
                request.maxTravelMinutes(), request.phoneKind()), BearerToken.optional(authorization), http.getRemoteAddr());
        return ResponseEntity.created(URI.create(BASE + "/me")).body(RegistrationCreated.of(created));
    }

    @GetMapping("/me")
    @Operation(summary = "Read your own registration",
            description = "Status, verification and preferences of the registration the access token belongs to, "
                    + "a coarse position band while in the pool, and the offer waiting for an answer or a decision, "
                    + "if any.",
            security = @SecurityRequirement(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME))
    @ApiResponse(responseCode = "200", description = "Your registration")
    @ApiResponse(responseCode = "401", description = "Missing or unknown access token")
    RegistrationView me(@Parameter(hidden = true) CallingCitizen citizen) {
        return RegistrationView.of(reading.read(citizen.accessToken()), centres);
    }

    @PostMapping("/me/appointment/cancellation")
    @Operation(summary = "Cancel your confirmed appointment",
            description = "Gives the dose back (the allocation service offers it to the next candidates while the "
                    + "vial allows). The body must say whether you stay on the list (keeping your waiting time) or "
                    + "leave it, which withdraws the registration as DELETE /me does. Publishes "
                    + "AppointmentCancelled.v1 on offer-answers.",
            security = @SecurityRequirement(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME))
    @ApiResponse(responseCode = "200", description = "Cancelled; your registration as it is now")
    @ApiResponse(responseCode = "400", description = "stayOnList missing")
    @ApiResponse(responseCode = "401", description = "Missing or unknown access token")
    @ApiResponse(responseCode = "409", description = "No confirmed appointment to cancel (none, cancelled before, or "
            + "the centre recorded your visit)")
    RegistrationView cancelAppointment(@Valid @RequestBody CancellationRequest request,
                                       @Parameter(hidden = true) CallingCitizen citizen) {
        cancelling.cancel(citizen.accessToken(), request.stayOnList());
        return RegistrationView.of(reading.read(citizen.accessToken()), centres);
    }

    @Schema(description = "Cancelling your appointment")
    record CancellationRequest(
            @Schema(description = "true: stay on the list with your waiting time; false: leave it (your data is "
                    + "erased, as with DELETE /me)", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull Boolean stayOnList) {
    }

    @PutMapping("/me/preferences")
    @Operation(summary = "Change your preferences",
            description = "Replaces centres and travel time, and the message language if given. The new profile is "
                    + "published.",
            security = @SecurityRequirement(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME))
    @ApiResponse(responseCode = "200", description = "The registration with the new preferences")
    @ApiResponse(responseCode = "400", description = "Invalid preferences")
    @ApiResponse(responseCode = "401", description = "Missing or unknown access token")
    @ApiResponse(responseCode = "409", description = "The registration was withdrawn, or the candidate was vaccinated")
    RegistrationView changePreferences(@Valid @RequestBody PreferencesRequest request,
                                       @Parameter(hidden = true) CallingCitizen citizen) {
        return RegistrationView.of(changingPreferences.change(citizen.accessToken(), new ChangingPreferences.Command(
                request.centreIds(), request.maxTravelMinutes(), language(request.language(), null))));
    }

    @DeleteMapping("/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw your registration",
            description = "Erases name, phone, email and birth date, takes the profile out of the pool and erases "
                    + "the contact data from the notification service. Withdrawing again changes nothing.",
            security = @SecurityRequirement(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME))
    @ApiResponse(responseCode = "204", description = "Withdrawn")
    @ApiResponse(responseCode = "401", description = "Missing or unknown access token")
    void withdraw(@Parameter(hidden = true) CallingCitizen citizen) {
        withdrawing.withdraw(citizen.accessToken());
    }

    private static Language language(String code, Language fallback) {
        return code == null ? fallback : Language.fromCode(code).orElseThrow();
    }
}
