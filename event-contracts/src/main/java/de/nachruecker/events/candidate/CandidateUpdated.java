package de.nachruecker.events.candidate;

import java.time.Instant;
import java.util.UUID;

/** A candidate's profile changed (preferences, or the phone was verified). Carries the whole new profile. */
public record CandidateUpdated(UUID eventId, Instant occurredAt, String candidateId, CandidateProfile profile)
        implements CandidateEvent {

    /** v2: the profile's birth date is sealed; v1 (in clear) is no longer read. */
    public static final String TYPE = "CandidateUpdated.v2";
}
