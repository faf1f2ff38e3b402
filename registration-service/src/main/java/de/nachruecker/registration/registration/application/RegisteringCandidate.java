package de.nachruecker.registration.registration.application;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.registration.model.AccessToken;
import de.nachruecker.registration.registration.model.Applicant;
import de.nachruecker.registration.registration.model.Language;
import de.nachruecker.registration.registration.model.MobileNumberPolicy;
import de.nachruecker.registration.registration.model.Preferences;
import de.nachruecker.registration.registration.model.Registration;
import de.nachruecker.registration.registration.model.VerificationCode;
import de.nachruecker.registration.registration.model.Violation;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A citizen registers as a standby candidate and receives the access token to their registration, once; a code to
 * verify the phone number is sent by SMS.
 */
@Service
public class RegisteringCandidate {

    private final Registrations registrations;
    private final RegistrationRules rules;
    private final Clock clock;
    private final SecureRandom random;
    private final RegistrationMetrics metrics;
    private final RateLimiter rateLimiter;

    public RegisteringCandidate(Registrations registrations, RegistrationRules rules, Clock clock,
                                SecureRandom random, RegistrationMetrics metrics, RateLimiter rateLimiter) {
        this.registrations = registrations;
        this.rules = rules;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
    }

    /**
     * @param clientAddress where the request came from, for the rate limit
     * @throws de.nachruecker.registration.ratelimit.model.RateLimitExceededException if this address or this phone
     *                                        number registered too often lately (each registration sends an SMS)
     * @throws InvalidInputException          if the input breaks a rule; nothing is stored
     * @throws DuplicateRegistrationException if the phone or the person is already registered
     */
    public NewRegistration register(Command command, String clientAddress) {
        rateLimiter.checkAddress(LimitedAction.REGISTER, clientAddress);
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        MobileNumberPolicy.Result phone = rules.phone().check(command.phone());
        if (!phone.accepted()) {
            violations.add(new Violation("phone", phone.problem()));
        } else {
            rateLimiter.checkPhone(LimitedAction.REGISTER, phone.e164());
        }
        rules.age().check(command.birthDate(), LocalDate.ofInstant(now, rules.zone()))
                .ifPresent(problem -> violations.add(new Violation("birthDate", problem)));
        violations.addAll(rules.checkPreferences(command.centreIds(), command.maxTravelMinutes()));
        if (!violations.isEmpty()) {
            metrics.rejected("invalid");
            throw new InvalidInputException(violations);
        }

        String candidateId = UUID.randomUUID().toString();
        VerificationCode code = VerificationCode.generate(random);
        Registration registration = Registration.register(candidateId,
                        new Applicant(command.name().strip(), command.birthDate(), phone.e164(), command.email()),
                        command.priorityGroup(),
                        new Preferences(command.centreIds(), command.maxTravelMinutes(), command.language()), now)
                .issueCode(code.hash(candidateId), now, rules.verification());
        AccessToken token = AccessToken.generate(random);
        try {
            registrations.add(registration, token.hash(), CandidateEvents.registered(registration, code, now));
        } catch (DuplicateRegistrationException e) {
            metrics.rejected(e.kind().metricTag());
            throw e;
        }
        metrics.accepted();
        return new NewRegistration(registration, token);
    }

    /** @param email may be {@code null} */
    public record Command(String name, LocalDate birthDate, String phone, String email, Language language,
                          PriorityGroup priorityGroup, List<String> centreIds, int maxTravelMinutes) {
    }

    /** The stored registration and its access token, which exists in clear only in this answer. */
    public record NewRegistration(Registration registration, AccessToken accessToken) {
    }
}
