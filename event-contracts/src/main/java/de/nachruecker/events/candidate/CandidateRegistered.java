package de.nachruecker.events.candidate;

import java.time.Instant;
import java.util.UUID;

/** A citizen registered as a standby candidate. */
public record CandidateRegistered(UUID eventId, Instant occurredAt, String candidateId, CandidateProfile profile)
        implements CandidateEvent {

    /** v2: the profile's birth date is sealed; v1 (in clear) is no longer read. */
    public static final String TYPE = "CandidateRegistered.v2";
}
