package de.nachruecker.events.offer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

/**
 * The offer lifecycle and release outcomes decided by the allocation service, on
 * {@link de.nachruecker.events.Topics#OFFERS}, keyed by release id so that everything about one release stays in order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OfferMade.class, name = OfferMade.TYPE),
        @JsonSubTypes.Type(value = OfferConfirmed.class, names = {OfferConfirmed.TYPE, OfferConfirmed.TYPE_V1}),
        @JsonSubTypes.Type(value = OfferCancelled.class, name = OfferCancelled.TYPE),
        @JsonSubTypes.Type(value = OfferRejectedTooLate.class, name = OfferRejectedTooLate.TYPE),
        @JsonSubTypes.Type(value = OfferDeclined.class, name = OfferDeclined.TYPE),
        @JsonSubTypes.Type(value = OfferExpired.class, name = OfferExpired.TYPE),
        @JsonSubTypes.Type(value = ReleaseFilled.class, name = ReleaseFilled.TYPE),
        @JsonSubTypes.Type(value = DosesAtRisk.class, name = DosesAtRisk.TYPE),
        @JsonSubTypes.Type(value = DosesExpired.class, name = DosesExpired.TYPE)
})
public sealed interface OfferEvent extends DomainEvent
        permits OfferMade, OfferConfirmed, OfferCancelled, OfferRejectedTooLate, OfferDeclined, OfferExpired, ReleaseFilled,
        DosesAtRisk, DosesExpired {

    String releaseId();

    @Override
    default String partitionKey() {
        return releaseId();
    }
}
