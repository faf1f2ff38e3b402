package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.shared.model.Violation;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A candidate changes centres, travel time or message language. */
@Service
public class ChangingPreferences {

    private final OwnRegistrations own;
    private final RegistrationRules rules;
    private final Clock clock;
    private final CandidateEvents candidateEvents;

    public ChangingPreferences(OwnRegistrations own, RegistrationRules rules, Clock clock,
                               CandidateEvents candidateEvents) {
        this.own = own;
        this.rules = rules;
        this.clock = clock;
        this.candidateEvents = candidateEvents;
    }

    /**
     * @throws InvalidInputException if the preferences break a rule
     * @throws de.nachruecker.registration.candidate.model.RegistrationWithdrawnException if withdrawn
     */
    public Registration change(AccessToken token, Command command) {
        List<Violation> violations = rules.checkPreferences(command.centreIds(), command.maxTravelMinutes());
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return own.change(token, current -> {
            Instant now = clock.instant();
            Language language = command.language() != null
                    ? command.language()
                    : current.preferences().map(Preferences::language).orElse(Language.DE);
            Registration next = current.changePreferences(
                    new Preferences(command.centreIds(), command.maxTravelMinutes(), language));
            return new OwnRegistrations.Change<>(next, candidateEvents.preferencesChanged(current, next, now), next);
        });
    }

    /** @param language {@code null} keeps the current language */
    public record Command(List<String> centreIds, int maxTravelMinutes, Language language) {
    }
}
