package de.nachruecker.slot.release.persistence;

import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A release as stored, with the events not yet on the broker in {@code outbox}. The operator's fields change with
 * {@code version}; the fill fields ({@code offered} to {@code appointments}) change only through offer events, whose
 * ids are kept in {@code trackedEvents} so that a redelivery is recognised in the same single-document write; only
 * {@code filled} is also cleared by a correction raising the dose count.
 *
 * @param idempotencyKey {@code <centreId>/<Idempotency-Key>}, absent if the operator gave none (unique, sparse)
 */
@Document(ReleaseDocument.COLLECTION)
record ReleaseDocument(@Id String id, String centreId, String product, int doseCount, Window window,
                       Instant usableUntil, Instant vialOpenedAt, String status, Instant publishedAt,
                       Instant updatedAt, String withdrawalReason, String idempotencyKey, long version,
                       int offered, int declined, int expired, int tooLate, boolean filled, int dosesAtRisk,
                       int dosesExpired, List<AppointmentEntry> appointments, List<String> trackedEvents,
                       List<PendingEvent> outbox) {

    static final String COLLECTION = "releases";

    record Window(Instant from, Instant to) {
    }

    /**
     * @param arrival     {@code VACCINATED} or {@code MISSED}, absent until the operator recorded it
     * @param reference   as the confirmation carried it; absent in entries stored before (derived then)
     * @param cancelledAt when the candidate cancelled, absent unless cancelled
     */
    record AppointmentEntry(String offerId, String candidateId, Window window, String arrival, Instant recordedAt,
                            String reference, Instant cancelledAt) {
    }
}
