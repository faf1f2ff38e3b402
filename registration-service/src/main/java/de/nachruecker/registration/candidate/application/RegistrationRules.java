package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.candidate.model.AgeLimitPolicy;
import de.nachruecker.registration.candidate.model.CentreChoicePolicy;
import de.nachruecker.registration.candidate.model.MobileNumberPolicy;
import de.nachruecker.registration.candidate.model.VerificationPolicy;
import de.nachruecker.registration.shared.model.Violation;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a registration and its preferences must satisfy, as configured.
 *
 * @param zone where "today" is decided for age limits
 */
public record RegistrationRules(AgeLimitPolicy age, MobileNumberPolicy phone, CentreChoicePolicy centres,
                                int minTravelMinutes, int maxTravelMinutes, ZoneId zone,
                                VerificationPolicy verification) {

    public List<Violation> checkPreferences(List<String> centreIds, int travelMinutes) {
        List<Violation> violations = new ArrayList<>();
        centres.check(centreIds).forEach(problem -> violations.add(new Violation("centreIds", problem)));
        if (travelMinutes < minTravelMinutes || travelMinutes > maxTravelMinutes) {
            violations.add(new Violation("maxTravelMinutes",
                    "must be between " + minTravelMinutes + " and " + maxTravelMinutes));
        }
        return violations;
    }
}
