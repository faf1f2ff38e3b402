package de.nachruecker.events.release;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

/** Events on {@link de.nachruecker.events.Topics#DOSE_RELEASES}, keyed by centre id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DosesReleased.class, name = DosesReleased.TYPE),
        @JsonSubTypes.Type(value = ReleaseCorrected.class, name = ReleaseCorrected.TYPE),
        @JsonSubTypes.Type(value = ReleaseWithdrawn.class, name = ReleaseWithdrawn.TYPE)
})
public sealed interface ReleaseEvent extends DomainEvent permits DosesReleased, ReleaseCorrected, ReleaseWithdrawn {

    String releaseId();

    String centreId();

    @Override
    default String partitionKey() {
        return centreId();
    }
}
