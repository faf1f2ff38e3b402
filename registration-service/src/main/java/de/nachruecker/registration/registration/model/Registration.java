package de.nachruecker.registration.registration.model;

import de.nachruecker.events.candidate.PriorityGroup;

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
    private final long version;

    private Registration(String candidateId, Applicant applicant, PriorityGroup priorityGroup, Preferences preferences,
                         Instant registeredAt, RegistrationStatus status, Instant withdrawnAt,
                         PhoneVerification verification, Instant missedAppointmentAt, long version) {
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
        this.version = version;
    }

    public static Registration register(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                        Preferences preferences, Instant now) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, now,
                RegistrationStatus.AWAITING_VERIFICATION, null, null, null, 0);
    }

    /** Rebuilds a stored registration. */
    public static Registration restore(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                       Preferences preferences, Instant registeredAt, RegistrationStatus status,
                                       Instant withdrawnAt, PhoneVerification verification,
                                       Instant missedAppointmentAt, long version) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, status, withdrawnAt,
                verification, missedAppointmentAt, version);
    }

    /** @throws AlreadyVaccinatedException if the candidate left the pool vaccinated: new preferences mean nothing */
    public Registration changePreferences(Preferences newPreferences) {
        requireNotWithdrawn();
        if (status == RegistrationStatus.VACCINATED) {
            throw new AlreadyVaccinatedException();
        }
        return new Registration(candidateId, applicant, priorityGroup, Objects.requireNonNull(newPreferences),
                registeredAt, status, null, verification, missedAppointmentAt, version);
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
                new PhoneVerification(codeHash, now.plus(policy.codeValidity()), 0, sent + 1, now));
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
                    verification.lastSentAt())), VerificationAttempt.Outcome.VERIFIED, 0);
        }
        int attempts = verification.attempts() + 1;
        return new VerificationAttempt(withVerification(status, new PhoneVerification(verification.codeHash(),
                verification.expiresAt(), attempts, verification.codesSent(), verification.lastSentAt())),
                VerificationAttempt.Outcome.WRONG_CODE, policy.maxAttempts() - attempts);
    }

    private Registration withVerification(RegistrationStatus newStatus, PhoneVerification newVerification) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, newStatus, null,
                newVerification, missedAppointmentAt, version);
    }

    /** Erases the personal data and preferences; only the id, status and times remain. */
    public Registration withdraw(Instant now) {
        requireNotWithdrawn();
        return new Registration(candidateId, null, null, null, registeredAt, RegistrationStatus.WITHDRAWN, now, null,
                null, version);
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
                RegistrationStatus.VACCINATED, null, verification, missedAppointmentAt, version);
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
                verification, at, version);
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

    /** The stored version this state was read as (or derived from). */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Registration[" + candidateId + ", " + status + ", v" + version + "]";
    }
}
