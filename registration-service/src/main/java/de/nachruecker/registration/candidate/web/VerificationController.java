package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.config.RegistrationConfiguration;
import de.nachruecker.registration.candidate.application.SendingVerificationCode;
import de.nachruecker.registration.candidate.application.VerifyingPhone;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(RegistrationController.BASE + "/me")
@Tag(name = "Phone verification", description = "A code sent by SMS at registration proves the phone number; only "
        + "verified candidates receive offers.")
class VerificationController {

    private final VerifyingPhone verifying;
    private final SendingVerificationCode sending;

    VerificationController(VerifyingPhone verifying, SendingVerificationCode sending) {
        this.verifying = verifying;
        this.sending = sending;
    }

    @PostMapping("/verification")
    @Operation(summary = "Verify your phone number",
            description = "Enter the 6-digit code from the SMS. A code is valid for 15 minutes and allows 5 wrong "
                    + "entries. Once verified, the candidate enters the pool (the profile is published with "
                    + "verified=true). Entering a code again after success changes nothing.",
            security = @SecurityRequirement(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME))
    @ApiResponse(responseCode = "200", description = "Verified")
    @ApiResponse(responseCode = "400", description = "Wrong or expired code; `errors` says which and how many "
            + "attempts are left")
    @ApiResponse(responseCode = "401", description = "Missing or unknown access token")
    @ApiResponse(responseCode = "429", description = "Too many wrong codes: request a new code; or too many attempts "
            + "from this address or for this phone number lately (see Retry-After)")
    RegistrationView verify(@Valid @RequestBody VerificationRequest request,
                            @Parameter(hidden = true) CallingCitizen citizen, HttpServletRequest http) {
        return RegistrationView.of(verifying.verify(citizen.accessToken(), request.code(), http.getRemoteAddr()));
    }

    @PostMapping("/verification-code")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a new verification code",
            description = "Replaces the current code with a new one, sent by SMS. At most 5 codes per "
                    + "registration, at least 60 seconds apart.",
            security = @SecurityRequirement(name = RegistrationConfiguration.ACCESS_TOKEN_SCHEME))
    @ApiResponse(responseCode = "202", description = "A new code is on its way")
    @ApiResponse(responseCode = "401", description = "Missing or unknown access token")
    @ApiResponse(responseCode = "409", description = "Already verified, or withdrawn")
    @ApiResponse(responseCode = "429", description = "Too soon after the last code (see Retry-After), no codes "
            + "left, or too many codes sent from this address or to this phone number lately (see Retry-After; refused "
            + "requests do not count)")
    void resendCode(@Parameter(hidden = true) CallingCitizen citizen, HttpServletRequest http) {
        sending.resend(citizen.accessToken(), http.getRemoteAddr());
    }
}
