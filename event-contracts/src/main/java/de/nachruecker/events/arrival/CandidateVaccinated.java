package de.nachruecker.events.arrival;

import java.time.Instant;
import java.util.UUID;

/** The candidate of a confirmed offer came and was vaccinated: the dose is used and the candidate leaves the pool. */
public record CandidateVaccinated(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, String centreId)
        implements ArrivalEvent {

    public static final String TYPE = "CandidateVaccinated.v1";
}
