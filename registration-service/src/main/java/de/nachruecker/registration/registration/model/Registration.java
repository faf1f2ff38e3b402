package de.nachruecker.registration.registration.model;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A citizen's standby registration. Immutable: every change returns the next state, which the caller stores under
 * the {@link #version()} it was derived from. A withdrawn registration keeps only its id, status and times; its
 * personal data and preferences are gone.
 */
public final class Registration {

    private final String candidateId;
    private final Applicant applicant;
    private final PriorityGroup priorityGroup;
    private final Preferences preferences;
    private final Instant registeredAt;
    private final RegistrationStatus status;
    private final Instant withdrawnAt;
    private final long version;

    private Registration(String candidateId, Applicant applicant, PriorityGroup priorityGroup, Preferences preferences,
                         Instant registeredAt, RegistrationStatus status, Instant withdrawnAt, long version) {
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
        this.version = version;
    }

    public static Registration register(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                        Preferences preferences, Instant now) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, now,
                RegistrationStatus.AWAITING_VERIFICATION, null, 0);
    }

    /** Rebuilds a stored registration. */
    public static Registration restore(String candidateId, Applicant applicant, PriorityGroup priorityGroup,
                                       Preferences preferences, Instant registeredAt, RegistrationStatus status,
                                       Instant withdrawnAt, long version) {
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt, status, withdrawnAt,
                version);
    }

    public Registration changePreferences(Preferences newPreferences) {
        requireNotWithdrawn();
        return new Registration(candidateId, applicant, priorityGroup, Objects.requireNonNull(newPreferences),
                registeredAt, status, null, version);
    }

    /** The phone number is confirmed: the candidate enters the pool. */
    public Registration verify() {
        requireNotWithdrawn();
        return new Registration(candidateId, applicant, priorityGroup, preferences, registeredAt,
                RegistrationStatus.ACTIVE, null, version);
    }

    /** Erases the personal data and preferences; only the id, status and times remain. */
    public Registration withdraw(Instant now) {
        requireNotWithdrawn();
        return new Registration(candidateId, null, null, null, registeredAt, RegistrationStatus.WITHDRAWN, now,
                version);
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
        return status == RegistrationStatus.ACTIVE;
    }

    public boolean isWithdrawn() {
        return status == RegistrationStatus.WITHDRAWN;
    }

    public Optional<Instant> withdrawnAt() {
        return Optional.ofNullable(withdrawnAt);
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
