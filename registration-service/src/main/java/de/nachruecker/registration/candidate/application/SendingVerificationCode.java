package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationCode;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A citizen asks for a new verification code (lost SMS, expired code); bounded in number and frequency. */
@Service
public class SendingVerificationCode {

    private final OwnRegistrations own;
    private final RegistrationRules rules;
    private final Clock clock;
    private final SecureRandom random;
    private final RateLimiter rateLimiter;
    private final CandidateEvents events;

    public SendingVerificationCode(OwnRegistrations own, RegistrationRules rules, Clock clock, SecureRandom random,
                                   RateLimiter rateLimiter, CandidateEvents events) {
        this.own = own;
        this.rules = rules;
        this.clock = clock;
        this.random = random;
        this.rateLimiter = rateLimiter;
        this.events = events;
    }

    /**
     * @param clientAddress where the request came from, for the rate limit
     * @throws de.nachruecker.registration.ratelimit.model.RateLimitExceededException if this address or this phone
     *         number was sent too many codes lately (refused requests do not count)
     * @throws de.nachruecker.registration.candidate.model.CodeRefusedException if no code may be sent now
     */
    public Registration resend(AccessToken token, String clientAddress) {
        String phone = own.find(token).applicant().map(Applicant::phone).orElse(null);
        // only a code that is sent counts against the allowances: a "too soon" must not lock the citizen out
        return rateLimiter.spendOnSuccess(LimitedAction.SEND_CODE, clientAddress, phone, () -> own.change(token,
                current -> {
                    Instant now = clock.instant();
                    VerificationCode code = VerificationCode.generate(random);
                    Registration next = current.issueCode(code.hash(current.candidateId()), now,
                            rules.verification());
                    return new OwnRegistrations.Change<>(next,
                            List.of(events.verificationCode(next, code, now)), next);
                }));
    }
}
