package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.model.Answer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Arrays;
import java.util.Locale;

/** The citizen's answer to an offer, authenticated by the single-use token from the offer message. */
record OfferAnswerRequest(
        @Schema(description = "The token from the offer link (`token=` parameter)") @NotBlank @Size(max = 200)
        String token,
        @Schema(description = "ACCEPT or DECLINE") @NotNull Answer answer) {

    /** An answer from a form field; {@code null} if it names none. */
    static Answer parse(String value) {
        if (value == null) {
            return null;
        }
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Answer.values()).filter(answer -> answer.name().equals(wanted)).findFirst().orElse(null);
    }
}
