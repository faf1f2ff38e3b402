package de.nachruecker.registration.candidate.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Which centres a candidate may choose: at least one, a bounded number, each known and named once. */
public final class CentreChoicePolicy {

    private final Predicate<String> knownCentre;
    private final int maxCentres;

    public CentreChoicePolicy(Predicate<String> knownCentre, int maxCentres) {
        this.knownCentre = knownCentre;
        this.maxCentres = maxCentres;
    }

    /** @return what is wrong with the choice, empty if nothing */
    public List<String> check(List<String> centreIds) {
        List<String> problems = new ArrayList<>();
        if (centreIds.isEmpty() || centreIds.size() > maxCentres) {
            problems.add("choose between 1 and " + maxCentres + " centres");
        }
        Set<String> seen = new HashSet<>();
        for (String centreId : centreIds) {
            if (!knownCentre.test(centreId)) {
                problems.add("unknown centre: " + centreId);
            } else if (!seen.add(centreId)) {
                problems.add("centre named twice: " + centreId);
            }
        }
        return problems;
    }
}
