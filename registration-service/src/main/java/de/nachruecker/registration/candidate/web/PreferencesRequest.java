package de.nachruecker.registration.candidate.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

@Schema(description = "New preferences; they replace the current ones")
public record PreferencesRequest(
        @Schema(description = "1 to 5 centre ids, in order of preference", example = "[\"korbach\", \"kassel\"]")
        @NotNull @Size(min = 1, max = 5) List<@NotBlank @Size(max = 64) String> centreIds,
        @Schema(description = "Minutes needed to reach the chosen centres (5 to 180)", example = "45")
        @NotNull @Min(5) @Max(180) Integer maxTravelMinutes,
        @Schema(description = "Message language, \"de\" or \"en\"; absent keeps the current one",
                allowableValues = {"de", "en"})
        @Pattern(regexp = RegistrationRequest.LANGUAGE_PATTERN, message = RegistrationRequest.LANGUAGE_MESSAGE)
        String language) {
}
