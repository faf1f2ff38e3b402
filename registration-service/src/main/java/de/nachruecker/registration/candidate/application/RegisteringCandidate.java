package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.MobileNumberPolicy;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationCode;
import de.nachruecker.registration.shared.model.Violation;
import de.nachruecker.support.personaldata.DataKey;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A citizen registers as a standby candidate and receives the access token to their registration, once; a code to
 * verify the phone number is sent by SMS. One phone number may be the contact of several people (a household, a
 * care home): whoever proved possession of the phone moments ago for one of them registers the next on that proof.
 */
@Service
public class RegisteringCandidate {

    private final Registrations registrations;
    private final RegistrationRules rules;
    private final Clock clock;
    private final SecureRandom random;
    private final RegistrationMetrics metrics;
    private final RateLimiter rateLimiter;
    private final RegistrationProperties.Household household;
    private final CandidateEvents candidateEvents;
    private final PersonalDataKeys keys;
    private final IntakeBatches batches;

    RegisteringCandidate(Registrations registrations, RegistrationRules rules, Clock clock,
                                SecureRandom random, RegistrationMetrics metrics, RateLimiter rateLimiter,
                                RegistrationProperties properties, CandidateEvents candidateEvents,
                                PersonalDataKeys keys, IntakeBatches batches) {
        this.registrations = registrations;
        this.rules = rules;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.household = properties.household();
        this.candidateEvents = candidateEvents;
        this.keys = keys;
        this.batches = batches;
    }

    public NewRegistration register(Command command, String clientAddress) {
        return register(command, Optional.empty(), clientAddress);
    }

    /**
     * @param proof         the access token of another person's registration on the same phone, whose possession
     *                      was proved by a code at most {@code household.proof-validity} ago: then this person is
     *                      verified on that proof and no code is sent. Anything else (no token, another phone, an
     *                      older proof) is no proof, and a code is sent as to anyone.
     * @param clientAddress where the request came from, for the rate limit
     * @throws de.nachruecker.registration.ratelimit.model.RateLimitExceededException if this address or this phone
     *                                        number registered too often lately (each registration without a proof
     *                                        sends an SMS)
     * @throws InvalidInputException          if the input breaks a rule; nothing is stored
     * @throws DuplicateRegistrationException if the phone is the contact of as many people as it may be, or the
     *                                        person is registered and verified already
     */
    public NewRegistration register(Command command, Optional<AccessToken> proof, String clientAddress) {
        rateLimiter.checkAddress(LimitedAction.REGISTER, clientAddress);
        Instant now = clock.instant();
        List<Violation> violations = new ArrayList<>();
        MobileNumberPolicy.Result phone = rules.phone().check(command.phone(), command.phoneKind());
        Optional<Instant> provedAt = Optional.empty();
        if (!phone.accepted()) {
            violations.add(new Violation("phone", phone.problem()));
        } else {
            provedAt = proof.flatMap(token -> registrations.findByAccessTokenHash(token.hash()))
                    .filter(other -> other.applicant().map(Applicant::phone).filter(phone.e164()::equals).isPresent())
                    .flatMap(other -> other.phoneProofAt(now, household.proofValidity()));
            if (provedAt.isEmpty()) {
                // only a registration that sends a code counts against the phone: the cap bounds the others
                rateLimiter.checkPhone(LimitedAction.REGISTER, phone.e164());
            }
        }
        rules.age().check(command.birthDate(), LocalDate.ofInstant(now, rules.zone()))
                .ifPresent(problem -> violations.add(new Violation("birthDate", problem)));
        violations.addAll(rules.checkPreferences(command.centreIds(), command.maxTravelMinutes()));
        if (!violations.isEmpty()) {
            metrics.rejected("invalid");
            throw new InvalidInputException(violations);
        }

        Applicant applicant = new Applicant(command.name().strip(), command.birthDate(), phone.e164(),
                command.email(), command.phoneKind());
        String candidateId = UUID.randomUUID().toString();
        Preferences preferences = new Preferences(command.centreIds(), command.maxTravelMinutes(),
                command.language());
        AccessToken token = AccessToken.generate(random);
        boolean keyCreated = false;
        boolean stored = false;
        try {
            Registration registration;
            if (provedAt.isPresent()) {
                // told before anything is written; the unique keys decide for concurrent registrations and
                // verifications
                refuseIfTaken(applicant);
                // the key before the document: the outbox may publish the sealed events right after the insert, and
                // a consumer must find the key then
                DataKey key = keys.create(candidateId);
                keyCreated = true;
                registration = Registration.registerOnProof(candidateId, applicant, command.priorityGroup(),
                        preferences, now, provedAt.get());
                registrations.add(registration, token.hash(),
                        candidateEvents.registeredOnProof(registration, key, now));
                stored = true;
            } else {
                // written with the registrations that arrive meanwhile, refused exactly as alone (IntakeBatches)
                VerificationCode code = VerificationCode.generate(random);
                registration = Registration.register(candidateId, applicant, command.priorityGroup(), preferences,
                        now).issueCode(code.hash(candidateId), now, rules.verification());
                batches.add(registration, code, token.hash(), now);
            }
            metrics.accepted();
            if (registration.isVerified()) {
                metrics.verified();
            }
            return new NewRegistration(registration, token);
        } catch (RuntimeException e) {
            if (keyCreated && !stored) {
                keys.delete(candidateId);
            }
            if (e instanceof DuplicateRegistrationException duplicate) {
                metrics.rejected(duplicate.kind().metricTag());
            }
            throw e;
        }
    }

    /** Only verified registrations count: an unverified one (someone else's typo, or a prank) never keeps one out. */
    private void refuseIfTaken(Applicant applicant) {
        if (registrations.householdPlacesTaken(applicant.phone()) >= household.maxPersonsPerPhone()) {
            throw new DuplicateRegistrationException(DuplicateRegistrationException.Kind.HOUSEHOLD_FULL);
        }
        if (registrations.personRegistered(applicant.identityKey())) {
            throw new DuplicateRegistrationException(DuplicateRegistrationException.Kind.PERSON);
        }
    }

    /**
     * @param email     may be {@code null}
     * @param phoneKind a mobile (texted) or a landline (called); MOBILE when {@code null}
     */
    public record Command(String name, LocalDate birthDate, String phone, String email, Language language,
                          PriorityGroup priorityGroup, List<String> centreIds, int maxTravelMinutes,
                          PhoneKind phoneKind) {

        public Command {
            phoneKind = phoneKind == null ? PhoneKind.MOBILE : phoneKind;
        }
    }

    /** The stored registration and its access token, which exists in clear only in this answer. */
    public record NewRegistration(Registration registration, AccessToken accessToken) {
    }
}
