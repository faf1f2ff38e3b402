package de.nachruecker.events.arrival;

import java.time.Instant;
import java.util.UUID;

/**
 * The candidate of a confirmed offer did not come: the dose is free again and may be offered to someone else while
 * the release's vial clock allows.
 */
public record CandidateMissedAppointment(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, String centreId)
        implements ArrivalEvent {

    public static final String TYPE = "CandidateMissedAppointment.v1";
}
