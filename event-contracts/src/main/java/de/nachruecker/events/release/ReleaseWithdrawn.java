package de.nachruecker.events.release;

import java.time.Instant;
import java.util.UUID;

/** An operator withdrew a release: no further offers; open offers are void. */
public record ReleaseWithdrawn(UUID eventId, Instant occurredAt, String releaseId, String centreId, String reason)
        implements ReleaseEvent {

    public static final String TYPE = "ReleaseWithdrawn.v1";
}
