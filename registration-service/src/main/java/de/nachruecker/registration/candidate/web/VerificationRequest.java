package de.nachruecker.registration.candidate.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

@Schema(description = "The code from the verification SMS")
public record VerificationRequest(
        @Schema(description = "6 digits", example = "123456")
        @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits from the SMS") String code) {
}
