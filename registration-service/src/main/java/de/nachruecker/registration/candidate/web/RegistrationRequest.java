package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

@Schema(description = "A citizen's registration as a standby candidate")
public record RegistrationRequest(
        @Schema(description = "Full name, as it should appear in messages", example = "Erika Mustermann")
        @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
        @Schema(description = "Birth date (ISO 8601); registration is open from 16", example = "1950-04-01")
        @NotNull LocalDate birthDate,
        @Schema(description = "German or EU mobile number, or a German landline number with phoneKind LANDLINE; "
                + "stored in E.164", example = "+49 151 23456789")
        @NotBlank @Size(max = 32) String phone,
        @Schema(description = "MOBILE (default): messages by SMS. LANDLINE: messages are calls that read them aloud; "
                + "the code and offers are answered by key press")
        PhoneKind phoneKind,
        @Schema(description = "Optional email address for messages", example = "erika@example.org")
        @Email @Size(max = 254) String email,
        @Schema(description = "Message language, \"de\" (default) or \"en\"", allowableValues = {"de", "en"})
        @Pattern(regexp = LANGUAGE_PATTERN, message = LANGUAGE_MESSAGE) String language,
        @Schema(description = "CoronaImpfV priority group the citizen belongs to")
        @NotNull PriorityGroup priorityGroup,
        @Schema(description = "1 to 5 centre ids from the centre catalogue, in order of preference",
                example = "[\"korbach\"]")
        @NotNull @Size(min = 1, max = 5) List<@NotBlank @Size(max = 64) String> centreIds,
        @Schema(description = "Minutes needed to reach the chosen centres (5 to 180)", example = "30")
        @NotNull @Min(5) @Max(180) Integer maxTravelMinutes,
        @Schema(description = "Consent to the processing of the data for the standby list; must be true")
        @NotNull @AssertTrue(message = "consent is required to register") Boolean consent) {

    static final String NAME_PATTERN = "\\p{L}[\\p{L}\\p{M} .,'-]*";
    static final String NAME_MESSAGE = "may contain letters, spaces, hyphens, apostrophes, commas and dots";
    static final String LANGUAGE_PATTERN = "de|en";
    static final String LANGUAGE_MESSAGE = "must be \"de\" or \"en\"";
}
