package de.nachruecker.slot.release.persistence;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.slot.release.application.FillChange;
import de.nachruecker.slot.release.application.ReleaseStore;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.Fill;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Releases in MongoDB. Each write is one single-document operation that also appends the event to the document's
 * outbox, so a change is never stored without the promise to publish it; the relay then sends it.
 */
@Repository
class MongoReleaseStore implements ReleaseStore, InitializingBean {

    private static final String COLLECTION = ReleaseDocument.COLLECTION;

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final EventCodec codec;
    private final ReleaseInserts inserts;

    MongoReleaseStore(MongoTemplate mongo, OutboxRelay relay, EventCodec codec, ReleaseInserts inserts) {
        this.mongo = mongo;
        this.relay = relay;
        this.codec = codec;
        this.inserts = inserts;
    }

    /** Indexes exist before the first request: the unique one is what makes idempotency keys safe under races. */
    @Override
    public void afterPropertiesSet() {
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("idempotencyKey", Sort.Direction.ASC).unique().sparse()
                .named("idempotency_key"));
        indexes.createIndex(new Index().on("centreId", Sort.Direction.ASC).on("publishedAt", Sort.Direction.DESC)
                .named("centre_published"));
    }

    @Override
    public Optional<Release> find(String releaseId) {
        return Optional.ofNullable(mongo.findById(releaseId, ReleaseDocument.class)).map(MongoReleaseStore::toRelease);
    }

    @Override
    public Optional<Release> findByIdempotencyKey(String centreId, String idempotencyKey) {
        return Optional.ofNullable(mongo.findOne(Query.query(where("idempotencyKey")
                        .is(scopedKey(centreId, idempotencyKey))), ReleaseDocument.class))
                .map(MongoReleaseStore::toRelease);
    }

    @Override
    public boolean insert(Release release, String idempotencyKey, ReleaseEvent event) {
        TimeWindow window = release.window();
        PendingEvent released = PendingEvent.of(Topics.DOSE_RELEASES, event, codec);
        ReleaseDocument document = new ReleaseDocument(release.id(), release.centreId(), release.product(),
                release.doseCount(), new ReleaseDocument.Window(window.from(), window.to()), release.usableUntil(),
                release.vialOpenedAt(), release.status().name(), release.publishedAt(), release.updatedAt(),
                release.withdrawalReason(),
                idempotencyKey == null ? null : scopedKey(release.centreId(), idempotencyKey), release.version(),
                0, 0, 0, 0, false, 0, 0, List.of(), List.of(), List.of(released));
        // written with the releases published meanwhile, each answered as if alone (ReleaseInserts)
        return inserts.insert(document, released);
    }

    @Override
    public boolean update(Release current, Release next, ReleaseEvent event) {
        Query unchanged = Query.query(where("_id").is(next.id()).and("version").is(current.version())
                .and("filled").is(current.fill().filled()));
        // of the fill only the filled state, which a raised dose count ends; the offer events own the rest
        Update update = new Update()
                .set("doseCount", next.doseCount())
                .set("window", new ReleaseDocument.Window(next.window().from(), next.window().to()))
                .set("usableUntil", next.usableUntil())
                .set("vialOpenedAt", next.vialOpenedAt())
                .set("status", next.status().name())
                .set("updatedAt", next.updatedAt())
                .set("withdrawalReason", next.withdrawalReason())
                .set("version", next.version())
                .set("filled", next.fill().filled())
                .push(OutboxRelay.FIELD, PendingEvent.of(Topics.DOSE_RELEASES, event, codec));
        if (mongo.updateFirst(unchanged, update, ReleaseDocument.class).getModifiedCount() == 0) {
            return false;
        }
        relay.relayAsync(COLLECTION, next.id());
        return true;
    }

    @Override
    public Tracking track(String releaseId, String eventId, FillChange change) {
        if (change.cancelled() != null) {
            return cancel(releaseId, eventId, change.cancelled());
        }
        if (mongo.updateFirst(notYetTracked(releaseId, eventId, change), trackingUpdate(eventId, change),
                ReleaseDocument.class).getModifiedCount() == 1) {
            return Tracking.APPLIED;
        }
        // a find, not MongoTemplate.exists: that counts through an aggregation, which the embedded server answers
        // by scanning the whole collection
        return existing(List.of(releaseId)).isEmpty() ? Tracking.UNKNOWN_RELEASE : Tracking.DUPLICATE;
    }

    /**
     * The changes of a poll in their order: a run of them with one ordered bulk write (each update as conditional as
     * {@link #track} makes it, so the outcome is the one of writing them one by one), a cancellation on its own.
     */
    @Override
    public TrackedBatch trackAll(List<TrackedChange> changes) {
        int applied = 0;
        List<TrackedChange> run = new ArrayList<>();
        for (TrackedChange change : changes) {
            if (change.change().cancelled() == null) {
                run.add(change);
                continue;
            }
            applied += trackRun(run);
            run.clear();
            if (track(change.releaseId(), change.eventId(), change.change()) == Tracking.APPLIED) {
                applied++;
            }
        }
        applied += trackRun(run);
        if (applied == changes.size()) {
            return new TrackedBatch(applied, Set.of());
        }
        Set<String> known = existing(changes.stream().map(TrackedChange::releaseId).distinct().toList());
        return new TrackedBatch(applied, changes.stream().map(TrackedChange::releaseId)
                .filter(id -> !known.contains(id)).collect(Collectors.toSet()));
    }

    private int trackRun(List<TrackedChange> run) {
        if (run.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, ReleaseDocument.class);
        run.forEach(tracked -> bulk.updateOne(notYetTracked(tracked.releaseId(), tracked.eventId(), tracked.change()),
                trackingUpdate(tracked.eventId(), tracked.change())));
        return bulk.execute().getModifiedCount();
    }

    /** Of {@code releaseIds}, those stored here. */
    private Set<String> existing(List<String> releaseIds) {
        Query byIds = Query.query(where("_id").in(releaseIds));
        byIds.fields().include("_id");
        return mongo.find(byIds, Document.class, COLLECTION).stream().map(document -> document.getString("_id"))
                .collect(Collectors.toSet());
    }

    private static Query notYetTracked(String releaseId, String eventId, FillChange change) {
        Query notYetTracked = Query.query(where("_id").is(releaseId).and("trackedEvents").ne(eventId));
        if (change.confirmed() != null) {
            // one appointment per offer, even if an offer were confirmed again under a new event id
            notYetTracked.addCriteria(where("appointments.offerId").ne(change.confirmed().offerId()));
        }
        if (change.filledDoseCount() != null) {
            // a fill of a lower count than now was reported before the allocation service saw the raise, which
            // opened the release again
            notYetTracked.addCriteria(where("doseCount").lte(change.filledDoseCount()));
        }
        return notYetTracked;
    }

    private static Update trackingUpdate(String eventId, FillChange change) {
        Update update = new Update().push("trackedEvents", eventId);
        increment(update, "offered", change.offered());
        increment(update, "declined", change.declined());
        increment(update, "expired", change.expired());
        increment(update, "tooLate", change.tooLate());
        if (change.confirmed() != null) {
            update.push("appointments", toEntry(change.confirmed()));
        }
        if (change.filledDoseCount() != null) {
            update.set("filled", true);
        }
        if (change.dosesAtRisk() != null) {
            update.set("dosesAtRisk", change.dosesAtRisk());
        }
        if (change.dosesExpired() != null) {
            update.set("dosesExpired", change.dosesExpired());
        }
        return update;
    }

    /**
     * Marks the appointment cancelled, like an arrival: appointments are only ever appended, so the index read here
     * still names the same one, and the write holds only while it is neither cancelled nor recorded (the allocation
     * service lets only one of the candidate's cancellation and the centre's record end an appointment).
     */
    private Tracking cancel(String releaseId, String eventId, FillChange.Cancellation cancellation) {
        ReleaseDocument document = mongo.findById(releaseId, ReleaseDocument.class);
        if (document == null) {
            return Tracking.UNKNOWN_RELEASE;
        }
        int index = document.appointments() == null ? -1 : indexOf(document.appointments(), cancellation.offerId());
        if (index < 0) {
            return Tracking.DUPLICATE; // no such appointment here: nothing to show
        }
        String element = "appointments." + index;
        Query open = Query.query(where("_id").is(releaseId).and("trackedEvents").ne(eventId)
                .and(element + ".offerId").is(cancellation.offerId())
                .and(element + ".cancelledAt").is(null)
                .and(element + ".arrival").is(null));
        Update update = new Update().push("trackedEvents", eventId)
                .set(element + ".cancelledAt", cancellation.at())
                .set("filled", false);
        return mongo.updateFirst(open, update, ReleaseDocument.class).getModifiedCount() == 1
                ? Tracking.APPLIED : Tracking.DUPLICATE;
    }

    private static void increment(Update update, String field, boolean counted) {
        if (counted) {
            update.inc(field, 1);
        }
    }

    /**
     * Appointments are only ever appended, so the index read here still names the same appointment when writing; the
     * write then holds only while that element is unrecorded (the embedded server has no positional operator).
     */
    @Override
    public boolean recordArrival(String releaseId, Appointment recorded, ArrivalEvent event) {
        ReleaseDocument document = mongo.findById(releaseId, ReleaseDocument.class);
        if (document == null || document.appointments() == null) {
            return false;
        }
        int index = indexOf(document.appointments(), recorded.offerId());
        if (index < 0) {
            return false;
        }
        String element = "appointments." + index;
        Query unrecorded = Query.query(where("_id").is(releaseId)
                .and(element + ".offerId").is(recorded.offerId())
                .and(element + ".arrival").is(null)
                .and(element + ".cancelledAt").is(null));
        Update update = new Update()
                .set(element + ".arrival", recorded.arrival().name())
                .set(element + ".recordedAt", recorded.recordedAt())
                .push(OutboxRelay.FIELD, PendingEvent.of(Topics.ARRIVALS, event, codec));
        if (mongo.updateFirst(unrecorded, update, ReleaseDocument.class).getModifiedCount() == 0) {
            return false;
        }
        relay.relayAsync(COLLECTION, releaseId);
        return true;
    }

    private static int indexOf(List<ReleaseDocument.AppointmentEntry> appointments, String offerId) {
        for (int i = 0; i < appointments.size(); i++) {
            if (appointments.get(i).offerId().equals(offerId)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public ReleasePage list(Collection<String> centreIds, ReleaseStatus status, int page, int size) {
        Query query = Query.query(where("centreId").in(centreIds));
        if (status != null) {
            query.addCriteria(where("status").is(status.name()));
        }
        long total = mongo.count(query, ReleaseDocument.class);
        query.with(Sort.by(Sort.Direction.DESC, "publishedAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        List<Release> releases = mongo.find(query, ReleaseDocument.class).stream()
                .map(MongoReleaseStore::toRelease).toList();
        return new ReleasePage(releases, page, size, total);
    }

    private static String scopedKey(String centreId, String idempotencyKey) {
        return centreId + "/" + idempotencyKey;
    }

    private static Release toRelease(ReleaseDocument d) {
        List<Appointment> appointments = d.appointments() == null ? List.of()
                : d.appointments().stream().map(MongoReleaseStore::toAppointment).toList();
        return new Release(d.id(), d.centreId(), d.product(), d.doseCount(), toWindow(d.window()), d.usableUntil(),
                d.vialOpenedAt(), ReleaseStatus.valueOf(d.status()), d.publishedAt(), d.updatedAt(),
                d.withdrawalReason(), new Fill(d.offered(), d.declined(), d.expired(), d.tooLate(), d.filled(),
                d.dosesAtRisk(), d.dosesExpired(), appointments), d.version());
    }

    private static ReleaseDocument.AppointmentEntry toEntry(Appointment appointment) {
        return new ReleaseDocument.AppointmentEntry(appointment.offerId(), appointment.candidateId(),
                new ReleaseDocument.Window(appointment.window().from(), appointment.window().to()),
                appointment.arrival() == null ? null : appointment.arrival().name(), appointment.recordedAt(),
                appointment.reference(), appointment.cancelledAt());
    }

    private static Appointment toAppointment(ReleaseDocument.AppointmentEntry entry) {
        return new Appointment(entry.offerId(), entry.candidateId(), toWindow(entry.window()),
                entry.arrival() == null ? null : Arrival.valueOf(entry.arrival()), entry.recordedAt(),
                // entries stored before the confirmation carried the reference: the same derivation
                entry.reference() == null ? AppointmentReference.of(entry.offerId()) : entry.reference(),
                entry.cancelledAt());
    }

    private static TimeWindow toWindow(ReleaseDocument.Window window) {
        return new TimeWindow(window.from(), window.to());
    }
}
