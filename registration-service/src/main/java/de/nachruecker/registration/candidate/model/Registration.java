package de.nachruecker.registration.candidate.model;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A citizen's standby registration. Immutable: every change returns the next state, which the caller stores under
 * the {@link #version()} it was derived from. A withdrawn registration keeps only its id, status and times; its
 * personal data and preferences are gone. A vaccinated candidate has left the pool: the registration only shows that.
 */
public final class Registration {

    private final String candidateId;
    private final Applicant applicant;
    private final PriorityGroup priorityGroup;
    private final Preferences preferences;
    private final Instant registeredAt;
    private final RegistrationStatus status;
    private final Instant withdrawnAt;
    private final PhoneVerification verification;
    private final Instant missedAppointmentAt;
    private final int householdPlace;
    private final long version;

    private Registration(String candidateId, Applicant applicant, PriorityGroup priorityGroup, Preferences preferences,
                         Instant registeredAt, RegistrationStatus status, Instant withdrawnAt,
                         PhoneVerification verification, Instant missedAppointmentAt, int householdPlace,
                         long version) {
        this.candidateId = Objects.requireNonNull(candidateId, "candidateId");
        this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
        this.status = Objects.requireNonNull(status, "status");
        if (status != RegistrationStatus.WITHDRAWN) {
            Objects.requireNonNull(applicant, "applicant");
            Objects.requireNonNull(priorityGroup, "priorityGroup");
            Objects.requireNonNull(preferences, "preferences");
        }
        this.applicant = applicant;
        this.priorityGroup = priorityGroup;
        this.preferences = preferences;
        this.withdrawnAt = withdrawnAt;
        this.verification = verification;
        this.missedAppointmentAt = missedAppointmentAt;
        this.householdPlace = holdsHouseholdPlace(status) ? householdPlace : 0;
        this.version = version;
    }

    public static Registration register(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                        Preferences preferences, Instant now) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, now,
                RegistrationStatus.AWAITING_VERIFICATION, null, null, null, 0, 0);
    }

    /**
     * A person registered on a phone whose possession was proved at {@code provedAt} (for another person on the same
     * phone, moments ago): verified from the start, and the proof keeps its time, so that it cannot be stretched by
     * chaining registrations.
     */
    public static Registration registerOnProof(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                               Preferences preferences, Instant now, Instant provedAt) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, now, RegistrationStatus.ACTIVE,
                null, new PhoneVerification(null, null, 0, 0, null, Objects.requireNonNull(provedAt)), null, 0, 0);
    }

    /** Rebuilds a stored registration. */
    public static Registration restore(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                       Preferences preferences, Instant registeredAt, RegistrationStatus status,
                                       Instant withdrawnAt, PhoneVerification verification,
                                       Instant missedAppointmentAt, int householdPlace, long version) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, status, withdrawnAt,
                verification, missedAppointmentAt, householdPlace, version);
    }

    /** @throws AlreadyVaccinatedException if the candidate left the pool vaccinated: new preferences mean nothing */
    public Registration changePreferences(Preferences newPreferences) {
        requireNotWithdrawn();
        if (status == RegistrationStatus.VACCINATED) {
            throw new AlreadyVaccinatedException();
        }
        return new Registration(candidateId, applicant, priorityGroup, Objects.requireNonNull(newPreferences),
                registeredAt, status, null, verification, missedAppointmentAt, householdPlace, version);
    }

    /**
     * A new verification code (given as its hash) replaces the current one.
     *
     * @throws CodeRefusedException if verified already, too soon after the last code, or out of codes
     */
    public Registration issueCode(String codeHash, Instant now, VerificationPolicy policy) {
        requireNotWithdrawn();
        if (isVerified()) {
            throw new CodeRefusedException(CodeRefusedException.Reason.ALREADY_VERIFIED, null);
        }
        int sent = verification == null ? 0 : verification.codesSent();
        if (sent >= policy.maxCodes()) {
            throw new CodeRefusedException(CodeRefusedException.Reason.LIMIT_REACHED, null);
        }
        if (verification != null && now.isBefore(verification.lastSentAt().plus(policy.resendInterval()))) {
            throw new CodeRefusedException(CodeRefusedException.Reason.TOO_SOON,
                    verification.lastSentAt().plus(policy.resendInterval()));
        }
        return withVerification(status,
                new PhoneVerification(codeHash, now.plus(policy.codeValidity()), 0, sent + 1, now, null));
    }

    /** The citizen enters the code they received; a right code puts the candidate into the pool. */
    public VerificationAttempt enterCode(String code, Instant now, VerificationPolicy policy) {
        requireNotWithdrawn();
        if (isVerified()) {
            return new VerificationAttempt(null, VerificationAttempt.Outcome.ALREADY_VERIFIED, 0);
        }
        if (verification == null || verification.attempts() >= policy.maxAttempts()) {
            return new VerificationAttempt(null, VerificationAttempt.Outcome.TOO_MANY_ATTEMPTS, 0);
        }
        if (now.isAfter(verification.expiresAt())) {
            return new VerificationAttempt(null, VerificationAttempt.Outcome.EXPIRED, 0);
        }
        if (verification.matches(candidateId, code)) {
            return new VerificationAttempt(withVerification(RegistrationStatus.ACTIVE, new PhoneVerification(null,
                    verification.expiresAt(), verification.attempts(), verification.codesSent(),
                    verification.lastSentAt(), now)), VerificationAttempt.Outcome.VERIFIED, 0);
        }
        int attempts = verification.attempts() + 1;
        return new VerificationAttempt(withVerification(status, new PhoneVerification(verification.codeHash(),
                verification.expiresAt(), attempts, verification.codesSent(), verification.lastSentAt(), null)),
                VerificationAttempt.Outcome.WRONG_CODE, policy.maxAttempts() - attempts);
    }

    private Registration withVerification(RegistrationStatus newStatus, PhoneVerification newVerification) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, newStatus, null,
                newVerification, missedAppointmentAt, householdPlace, version);
    }

    /**
     * The same registration at place {@code place} (1 to the cap) among the people whose contact its phone is; the
     * store gives out the places, whose uniqueness bounds a household.
     */
    public Registration atHouseholdPlace(int place) {
        if (!holdsHouseholdPlace(status) || place < 1) {
            throw new IllegalStateException("only a verified registration holds a place, from 1 on: " + place);
        }
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, status, withdrawnAt,
                verification, missedAppointmentAt, place, version);
    }

    /** Erases the personal data and preferences; only the id, status and times remain. */
    public Registration withdraw(Instant now) {
        requireNotWithdrawn();
        return new Registration(candidateId, null, null, null, registeredAt, RegistrationStatus.WITHDRAWN, now, null,
                null, 0, version);
    }

    /**
     * The candidate came to a confirmed appointment and was vaccinated: they leave the pool. Only a verified candidate
     * in the pool can be vaccinated through it; anything else (withdrawn meanwhile, told twice) stays as it is.
     */
    public Registration vaccinated() {
        if (status != RegistrationStatus.ACTIVE) {
            return this;
        }
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt,
                RegistrationStatus.VACCINATED, null, verification, missedAppointmentAt, householdPlace, version);
    }

    /**
     * The candidate did not come to a confirmed appointment at {@code at}; they stay in the pool, and their status
     * says so. An older report than the one known changes nothing, so a redelivered one changes nothing either.
     */
    public Registration missedAppointment(Instant at) {
        if (status != RegistrationStatus.ACTIVE
                || missedAppointmentAt != null && !at.isAfter(missedAppointmentAt)) {
            return this;
        }
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, status, null,
                verification, at, householdPlace, version);
    }

    private void requireNotWithdrawn() {
        if (isWithdrawn()) {
            throw new RegistrationWithdrawnException();
        }
    }

    public String candidateId() {
        return candidateId;
    }

    /** Empty once withdrawn. */
    public Optional<Applicant> applicant() {
        return Optional.ofNullable(applicant);
    }

    /** Empty once withdrawn. */
    public Optional<PriorityGroup> priorityGroup() {
        return Optional.ofNullable(priorityGroup);
    }

    /** Empty once withdrawn. */
    public Optional<Preferences> preferences() {
        return Optional.ofNullable(preferences);
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public RegistrationStatus status() {
        return status;
    }

    public boolean isVerified() {
        return status == RegistrationStatus.ACTIVE || status == RegistrationStatus.VACCINATED;
    }

    /** Verified, not vaccinated, not withdrawn: a candidate the allocation service may offer doses to. */
    public boolean isInPool() {
        return status == RegistrationStatus.ACTIVE;
    }

    public boolean isWithdrawn() {
        return status == RegistrationStatus.WITHDRAWN;
    }

    public Optional<Instant> withdrawnAt() {
        return Optional.ofNullable(withdrawnAt);
    }

    /** Empty before the first code and once withdrawn. */
    public Optional<PhoneVerification> verification() {
        return Optional.ofNullable(verification);
    }

    /** When the candidate last missed a confirmed appointment, if ever (erased with the registration). */
    public Optional<Instant> missedAppointmentAt() {
        return Optional.ofNullable(missedAppointmentAt);
    }

    /**
     * Which of the (at most {@code HouseholdPolicy#maxPersonsPerPhone}) people on this phone number the registration
     * is; 0 while it holds no place: unverified registrations hold none, so they never keep a verified one out, and
     * withdrawn ones give theirs back.
     */
    public int householdPlace() {
        return householdPlace;
    }

    /** Verified and not withdrawn, but no place given out yet: the store must find it one before storing it. */
    public boolean needsHouseholdPlace() {
        return holdsHouseholdPlace(status) && householdPlace == 0;
    }

    private static boolean holdsHouseholdPlace(RegistrationStatus status) {
        return status == RegistrationStatus.ACTIVE || status == RegistrationStatus.VACCINATED;
    }

    /**
     * When possession of this registration's phone was proved by a code sent to it, if that was at most
     * {@code validity} before {@code now}: a proof another person's registration on the same phone may rest on.
     */
    public Optional<Instant> phoneProofAt(Instant now, Duration validity) {
        if (!isVerified() || verification == null || verification.provedAt() == null
                || verification.provedAt().plus(validity).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(verification.provedAt());
    }

    /** The stored version this state was read as (or derived from). */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Registration[" + candidateId + ", " + status + ", v" + version + "]";
    }
}
