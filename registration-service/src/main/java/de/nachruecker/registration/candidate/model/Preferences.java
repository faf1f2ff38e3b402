package de.nachruecker.registration.candidate.model;

import java.util.List;
import java.util.Objects;

/**
 * What the candidate chose: reachable centres in order of preference, travel time and message language.
 */
public record Preferences(List<String> centreIds, int maxTravelMinutes, Language language) {

    public Preferences {
        centreIds = List.copyOf(centreIds);
        Objects.requireNonNull(language, "language");
    }
}
