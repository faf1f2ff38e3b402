package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * The citizen cancelled the appointment of their confirmed offer (on the status page or through the API, after a
 * confirmation step). The allocation service gives the dose back to the release and answers with
 * {@link OfferCancelled}. Whether the citizen stays on the list is not its concern: leaving is a withdrawal, which
 * travels as {@code CandidateWithdrawn} on the candidates topic.
 */
public record AppointmentCancelled(
        UUID eventId, Instant occurredAt, String offerId, String releaseId, String candidateId)
        implements OfferAnswerEvent {

    public static final String TYPE = "AppointmentCancelled.v1";
}
