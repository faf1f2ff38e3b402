package de.nachruecker.events.arrival;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

/**
 * What a centre operator recorded when a confirmed candidate's appointment came, on
 * {@link de.nachruecker.events.Topics#ARRIVALS}, keyed by release id so that it stays in order with the release's
 * offers. Carries pseudonymous ids only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CandidateVaccinated.class, name = CandidateVaccinated.TYPE),
        @JsonSubTypes.Type(value = CandidateMissedAppointment.class, name = CandidateMissedAppointment.TYPE)
})
public sealed interface ArrivalEvent extends DomainEvent permits CandidateVaccinated, CandidateMissedAppointment {

    String releaseId();

    String offerId();

    String candidateId();

    String centreId();

    @Override
    default String partitionKey() {
        return releaseId();
    }
}
