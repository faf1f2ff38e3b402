package de.nachruecker.registration.candidate.model;

/** Where a registration stands from the citizen's point of view. */
public enum RegistrationStatus {
    /** Registered; enters the pool once the phone number is verified. */
    AWAITING_VERIFICATION,
    /** Verified and waiting for an offer. */
    ACTIVE,
    /** Vaccinated at a centre after a confirmed offer: out of the pool, nothing more to wait for. */
    VACCINATED,
    /**
     * Withdrawn by the citizen, or erased at the end of the retention period: personal data erased, only a minimal
     * record remains.
     */
    WITHDRAWN
}
