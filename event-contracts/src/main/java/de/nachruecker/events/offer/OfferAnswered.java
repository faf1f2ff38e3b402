package de.nachruecker.events.offer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * A citizen answered an offer through the registration service (the citizen's door) on
 * {@link de.nachruecker.events.Topics#OFFER_ANSWERS}. The allocation service decides what the answer leads to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = OfferAnswered.class, name = OfferAnswered.TYPE))
public record OfferAnswered(
        UUID eventId, Instant occurredAt, String offerId, String releaseId, String candidateId, Answer answer)
        implements DomainEvent {

    public static final String TYPE = "OfferAnswered.v1";

    public enum Answer { ACCEPT, DECLINE }

    @Override
    public String partitionKey() {
        return releaseId;
    }
}
