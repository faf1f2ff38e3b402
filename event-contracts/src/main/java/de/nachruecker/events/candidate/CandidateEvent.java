package de.nachruecker.events.candidate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

/** Events on {@link de.nachruecker.events.Topics#CANDIDATES}, keyed by candidate id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CandidateRegistered.class, name = CandidateRegistered.TYPE),
        @JsonSubTypes.Type(value = CandidateUpdated.class, name = CandidateUpdated.TYPE),
        @JsonSubTypes.Type(value = CandidateWithdrawn.class, name = CandidateWithdrawn.TYPE)
})
public sealed interface CandidateEvent extends DomainEvent
        permits CandidateRegistered, CandidateUpdated, CandidateWithdrawn {

    String candidateId();

    @Override
    default String partitionKey() {
        return candidateId();
    }
}
