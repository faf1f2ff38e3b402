package de.nachruecker.slot.release.persistence;

import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A release as stored, with the events not yet on the broker in {@code outbox}.
 *
 * @param idempotencyKey {@code <centreId>/<Idempotency-Key>}, absent if the operator gave none (unique, sparse)
 */
@Document(ReleaseDocument.COLLECTION)
record ReleaseDocument(@Id String id, String centreId, String product, int doseCount, Window window,
                       Instant usableUntil, Instant vialOpenedAt, String status, Instant publishedAt,
                       Instant updatedAt, String withdrawalReason, int offered, int confirmed, String idempotencyKey,
                       long version, List<PendingEvent> outbox) {

    static final String COLLECTION = "releases";

    record Window(Instant from, Instant to) {
    }
}
