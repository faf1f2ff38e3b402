package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationAttempt;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The citizen enters the SMS code; a right code puts the candidate into the pool. */
@Service
public class VerifyingPhone {

    private final OwnRegistrations own;
    private final RegistrationRules rules;
    private final Clock clock;
    private final RegistrationMetrics metrics;
    private final RateLimiter rateLimiter;
    private final CandidateEvents candidateEvents;

    public VerifyingPhone(OwnRegistrations own, RegistrationRules rules, Clock clock, RegistrationMetrics metrics,
                          RateLimiter rateLimiter, CandidateEvents candidateEvents) {
        this.own = own;
        this.rules = rules;
        this.clock = clock;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.candidateEvents = candidateEvents;
    }

    /**
     * @param clientAddress where the request came from, for the rate limit
     * @return the verified registration
     * @throws de.nachruecker.registration.ratelimit.model.RateLimitExceededException if this address or this phone
     *         number tried too often lately
     * @throws VerificationFailedException if the code is wrong, expired or out of attempts (a wrong entry counts)
     */
    public Registration verify(AccessToken token, String code, String clientAddress) {
        rateLimiter.checkAddress(LimitedAction.VERIFY, clientAddress);
        own.find(token).applicant().map(Applicant::phone)
                .ifPresent(phone -> rateLimiter.checkPhone(LimitedAction.VERIFY, phone));
        Result result = own.change(token, current -> {
            Instant now = clock.instant();
            VerificationAttempt attempt = current.enterCode(code, now, rules.verification());
            Registration next = attempt.next();
            if (next == null) {
                return OwnRegistrations.Change.none(new Result(current, attempt));
            }
            List<OutgoingEvent> events = attempt.outcome() == VerificationAttempt.Outcome.VERIFIED
                    ? List.of(candidateEvents.updated(next, now))
                    : List.of();
            return new OwnRegistrations.Change<>(next, events, new Result(next, attempt));
        });
        if (!result.attempt().succeeded()) {
            throw new VerificationFailedException(result.attempt());
        }
        if (result.attempt().outcome() == VerificationAttempt.Outcome.VERIFIED) {
            metrics.verified();
        }
        return result.registration();
    }

    private record Result(Registration registration, VerificationAttempt attempt) {
    }
}
