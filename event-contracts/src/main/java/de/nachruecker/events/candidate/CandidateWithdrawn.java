package de.nachruecker.events.candidate;

import java.time.Instant;
import java.util.UUID;

/**
 * A candidate left the pool: withdrew, the registration expired under the retention period, or the candidate was
 * vaccinated — through this platform ({@code VACCINATED}, recorded at the centre) or elsewhere.
 */
public record CandidateWithdrawn(UUID eventId, Instant occurredAt, String candidateId, Reason reason)
        implements CandidateEvent {

    public static final String TYPE = "CandidateWithdrawn.v1";

    public enum Reason { WITHDRAWN_BY_CANDIDATE, RETENTION_EXPIRED, VACCINATED, VACCINATED_ELSEWHERE }
}
