package de.nachruecker.events.offer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

/**
 * What a citizen does about an offer through the registration service (the citizen's door), on
 * {@link de.nachruecker.events.Topics#OFFER_ANSWERS}, keyed by release id like the offers: the answer to an open offer,
 * or the cancellation of a confirmed appointment. The allocation service decides what it leads to.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OfferAnswered.class, name = OfferAnswered.TYPE),
        @JsonSubTypes.Type(value = AppointmentCancelled.class, name = AppointmentCancelled.TYPE)
})
public sealed interface OfferAnswerEvent extends DomainEvent permits OfferAnswered, AppointmentCancelled {

    String releaseId();

    String offerId();

    String candidateId();

    @Override
    default String partitionKey() {
        return releaseId();
    }
}
