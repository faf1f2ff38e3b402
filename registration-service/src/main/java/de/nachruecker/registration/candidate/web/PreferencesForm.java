package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.model.Preferences;

import java.util.List;

/** The preferences form as posted; only these fields bind. */
record PreferencesForm(List<String> centreIds, String maxTravelMinutes, String language) {

    static PreferencesForm of(Preferences preferences) {
        return new PreferencesForm(preferences.centreIds(), Integer.toString(preferences.maxTravelMinutes()),
                preferences.language().code());
    }

    PreferencesRequest toRequest() {
        return new PreferencesRequest(centreIds == null ? List.of() : centreIds,
                RegistrationForm.number(maxTravelMinutes), language);
    }

    public boolean chose(String centreId) {
        return centreIds != null && centreIds.contains(centreId);
    }
}
