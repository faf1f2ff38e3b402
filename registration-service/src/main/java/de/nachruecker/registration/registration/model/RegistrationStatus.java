package de.nachruecker.registration.registration.model;

/** Where a registration stands from the citizen's point of view. */
public enum RegistrationStatus {
    /** Registered; enters the pool once the phone number is verified. */
    AWAITING_VERIFICATION,
    /** Verified and waiting for an offer. */
    ACTIVE,
    /** Withdrawn by the citizen: personal data erased, only a minimal record remains. */
    WITHDRAWN
}
