package de.nachruecker.registration.candidate.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import de.nachruecker.registration.candidate.application.RegisteringCandidate;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The new registration with its access token")
public record RegistrationCreated(
        @Schema(description = "Personal access token: shown only this once, needed for every later request as "
                + "\"Authorization: Bearer <token>\"") String accessToken,
        @JsonUnwrapped RegistrationView registration) {

    static RegistrationCreated of(RegisteringCandidate.NewRegistration created) {
        return new RegistrationCreated(created.accessToken().value(), RegistrationView.of(created.registration()));
    }
}
