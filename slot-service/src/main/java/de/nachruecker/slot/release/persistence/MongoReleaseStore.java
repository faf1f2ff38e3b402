package de.nachruecker.slot.release.persistence;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.slot.release.application.ReleaseStore;
import de.nachruecker.slot.release.model.Fill;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

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

    MongoReleaseStore(MongoTemplate mongo, OutboxRelay relay, EventCodec codec) {
        this.mongo = mongo;
        this.relay = relay;
        this.codec = codec;
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
        ReleaseDocument document = new ReleaseDocument(release.id(), release.centreId(), release.product(),
                release.doseCount(), new ReleaseDocument.Window(window.from(), window.to()), release.usableUntil(),
                release.vialOpenedAt(), release.status().name(), release.publishedAt(), release.updatedAt(),
                release.withdrawalReason(), release.fill().offered(), release.fill().confirmed(),
                idempotencyKey == null ? null : scopedKey(release.centreId(), idempotencyKey), release.version(),
                List.of(PendingEvent.of(Topics.DOSE_RELEASES, event, codec)));
        try {
            mongo.insert(document);
        } catch (DuplicateKeyException e) {
            if (idempotencyKey == null) {
                throw e;
            }
            return false;
        }
        relay.relayAsync(COLLECTION, release.id());
        return true;
    }

    @Override
    public boolean update(Release next, ReleaseEvent event) {
        Query current = Query.query(where("_id").is(next.id()).and("version").is(next.version() - 1));
        // fill counters are left alone: they will be owned by the offer events, not by operator changes
        Update update = new Update()
                .set("doseCount", next.doseCount())
                .set("window", new ReleaseDocument.Window(next.window().from(), next.window().to()))
                .set("usableUntil", next.usableUntil())
                .set("vialOpenedAt", next.vialOpenedAt())
                .set("status", next.status().name())
                .set("updatedAt", next.updatedAt())
                .set("withdrawalReason", next.withdrawalReason())
                .set("version", next.version())
                .push(OutboxRelay.FIELD, PendingEvent.of(Topics.DOSE_RELEASES, event, codec));
        if (mongo.updateFirst(current, update, ReleaseDocument.class).getModifiedCount() == 0) {
            return false;
        }
        relay.relayAsync(COLLECTION, next.id());
        return true;
    }

    @Override
    public ReleasePage list(String centreId, ReleaseStatus status, int page, int size) {
        Query query = new Query();
        if (centreId != null) {
            query.addCriteria(where("centreId").is(centreId));
        }
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
        return new Release(d.id(), d.centreId(), d.product(), d.doseCount(),
                new TimeWindow(d.window().from(), d.window().to()), d.usableUntil(), d.vialOpenedAt(),
                ReleaseStatus.valueOf(d.status()), d.publishedAt(), d.updatedAt(), d.withdrawalReason(),
                new Fill(d.offered(), d.confirmed()), d.version());
    }
}
