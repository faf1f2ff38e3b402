package de.nachruecker.registration.registration.application;

import de.nachruecker.registration.registration.model.AccessToken;
import de.nachruecker.registration.registration.model.Registration;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * A candidate leaves: personal data erased here, the profile leaves the pool and the contact data is erased from the
 * compacted topic. Withdrawing twice is harmless.
 */
@Service
public class WithdrawingCandidate {

    private final OwnRegistrations own;
    private final Clock clock;
    private final RegistrationMetrics metrics;

    public WithdrawingCandidate(OwnRegistrations own, Clock clock, RegistrationMetrics metrics) {
        this.own = own;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Registration withdraw(AccessToken token) {
        Outcome outcome = own.change(token, current -> {
            if (current.isWithdrawn()) {
                return OwnRegistrations.Change.none(new Outcome(current, false));
            }
            Instant now = clock.instant();
            Registration next = current.withdraw(now);
            return new OwnRegistrations.Change<>(next, CandidateEvents.withdrawn(next, now), new Outcome(next, true));
        });
        if (outcome.withdrawnNow()) {
            metrics.withdrawn();
        }
        return outcome.registration();
    }

    private record Outcome(Registration registration, boolean withdrawnNow) {
    }
}
