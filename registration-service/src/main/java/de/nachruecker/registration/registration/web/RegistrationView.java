package de.nachruecker.registration.registration.web;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.registration.model.Preferences;
import de.nachruecker.registration.registration.model.Registration;
import de.nachruecker.registration.registration.model.RegistrationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "A citizen's own registration; no personal data beyond what the citizen chose")
public record RegistrationView(
        @Schema(description = "Pseudonymous candidate id") String candidateId,
        RegistrationStatus status,
        @Schema(description = "Phone number verified; only verified candidates receive offers") boolean verified,
        Instant registeredAt,
        @Schema(description = "Absent once withdrawn") PriorityGroup priorityGroup,
        @Schema(description = "Absent once withdrawn") PreferencesView preferences,
        @Schema(description = "Set once withdrawn") Instant withdrawnAt) {

    static RegistrationView of(Registration registration) {
        return new RegistrationView(registration.candidateId(), registration.status(), registration.isVerified(),
                registration.registeredAt(), registration.priorityGroup().orElse(null),
                registration.preferences().map(PreferencesView::of).orElse(null),
                registration.withdrawnAt().orElse(null));
    }

    public record PreferencesView(List<String> centreIds, int maxTravelMinutes, String language) {

        static PreferencesView of(Preferences preferences) {
            return new PreferencesView(preferences.centreIds(), preferences.maxTravelMinutes(),
                    preferences.language().code());
        }
    }
}
