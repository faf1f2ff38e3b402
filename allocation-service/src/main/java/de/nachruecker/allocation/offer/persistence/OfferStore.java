package de.nachruecker.allocation.offer.persistence;

import de.nachruecker.allocation.offer.application.Offers;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.config.ObsoleteIndexes;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Offers in MongoDB: each change is one conditional update guarded as {@link Offer.Change} says, with its events. */
@Component
public class OfferStore implements Offers {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    public OfferStore(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
        mongo.indexOps(OfferDocument.class).createIndex(new Index()
                .on("releaseId", Sort.Direction.ASC).on("candidateId", Sort.Direction.ASC).unique()
                .named("one_offer_per_candidate_and_release"));
        // the store answers a filter naming _id from the _id index: these {_id, status…} indexes only cost writes
        ObsoleteIndexes.drop(mongo.indexOps(OfferDocument.class), "status_lookup", "unanswered_lookup",
                "unannounced_lookup");
        // the deadline sweep's {status: MADE, answerDeadline < now}: the open offers, not every offer ever made
        mongo.indexOps(OfferDocument.class).createIndex(new Index()
                .on("status", Sort.Direction.ASC).on("answerDeadline", Sort.Direction.ASC).named("open_by_deadline"));
        // the recovery's query: on MongoDB only offers not yet announced (or voided before) carry the field
        mongo.indexOps(OfferDocument.class).createIndex(new Index().on("unsent", Sort.Direction.ASC).sparse()
                .named("unannounced"));
    }

    /** One unordered bulk insert; the unique index refuses an offer of a candidate offered this release before. */
    @Override
    public Set<String> addAll(List<NewOffer> newOffers) {
        List<OfferDocument> documents = newOffers.stream()
                .map(draft -> OfferDocument.of(draft.offer(), draft.events(), draft.message())).toList();
        Set<String> written = new LinkedHashSet<>(documents.stream().map(OfferDocument::id).toList());
        if (documents.isEmpty()) {
            return written;
        }
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, OfferDocument.class).insert(documents).execute();
        } catch (BulkOperationException refused) {
            for (BulkWriteError error : refused.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw refused;
                }
                written.remove(documents.get(error.getIndex()).id());
            }
        }
        return written;
    }

    /**
     * One unordered bulk of conditional writes on {@code {_id, status, unsent}}, then the offers' events are relayed:
     * of the wave and the recovery, which may both request a message, only the first does. When every request took,
     * the offers' events and messages are relayed as in hand, without reading the outboxes back: they are all the
     * outboxes can hold (a later change of an offer queues a relay that reads; should the periodic sweep have sent
     * an offer's {@code OfferMade} in the milliseconds before, it goes out once more and its consumers deduplicate it
     * by event id). When some offer had ended, the ones without {@code unsent} are taken as requested (rarely the
     * recovery requested one of them first) and their outboxes are read.
     */
    @Override
    public Set<String> requestMessages(List<NewOffer> written) {
        if (written.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, OfferDocument.class);
        written.forEach(offer -> bulk.updateOne(unannounced(offer.offer().id()), announce(offer.message())));
        if (bulk.execute().getModifiedCount() == written.size()) {
            Map<String, List<PendingEvent>> outboxes = new LinkedHashMap<>();
            written.forEach(offer -> {
                List<PendingEvent> outbox = new ArrayList<>(offer.events());
                outbox.add(offer.message());
                outboxes.put(offer.offer().id(), outbox);
            });
            relay.relayWrittenAsync(OfferDocument.COLLECTION, outboxes);
            return outboxes.keySet();
        }
        Query sent = Query.query(where("_id").in(written.stream().map(offer -> offer.offer().id()).toList())
                .and("unsent").exists(false));
        sent.fields().include("_id");
        Set<String> requested = mongo.find(sent, Document.class, OfferDocument.COLLECTION).stream()
                .map(found -> found.getString("_id")).collect(Collectors.toSet());
        requested.forEach(offerId -> relay.relayAsync(OfferDocument.COLLECTION, offerId));
        return requested;
    }

    /** {@link #requestMessages} for one offer: one conditional write. */
    @Override
    public boolean requestMessage(String offerId, PendingEvent message) {
        boolean requested = mongo.updateFirst(unannounced(offerId), announce(message), OfferDocument.class)
                .getModifiedCount() == 1;
        if (requested) {
            relay.relayAsync(OfferDocument.COLLECTION, offerId);
        }
        return requested;
    }

    /** Open and its message not requested yet (answered from the _id index). */
    private static Query unannounced(String offerId) {
        return Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE).and("unsent").is(true));
    }

    /** The held-back message moves into the outbox. */
    private static Update announce(PendingEvent message) {
        return new Update().push(OutboxRelay.FIELD, message).unset("unsent").unset("message");
    }

    @Override
    public List<Unannounced> unannouncedBefore(Instant cutoff) {
        Query stranded = Query.query(where("unsent").is(true).and("status").is(OfferStatus.MADE).and("madeAt")
                .lt(cutoff));
        stranded.fields().exclude(OutboxRelay.FIELD);
        return mongo.find(stranded, OfferDocument.class).stream()
                .map(document -> new Unannounced(document.toOffer(), document.message())).toList();
    }

    @Override
    public Optional<Offer> find(String offerId) {
        return Optional.ofNullable(mongo.findById(offerId, OfferDocument.class)).map(OfferDocument::toOffer);
    }

    /**
     * The change's guard becomes the filter: {@code {_id, status}}, with {@code acceptedAt: null} for a change that
     * a recorded yes stops (each filter has its index, see the constructor).
     */
    @Override
    public Optional<Offer> change(String offerId, Offer.Change change, Instant now, List<PendingEvent> events) {
        Query guard = Query.query(where("_id").is(offerId).and("status").is(change.from()));
        if (change.unlessAccepted()) {
            guard.addCriteria(where("acceptedAt").is(null));
        }
        guard.fields().exclude(OutboxRelay.FIELD).exclude("message");
        Update update = new Update().set("status", change.to())
                .set(change.from() == OfferStatus.MADE ? "decidedAt" : "arrivalRecordedAt", now);
        if (change.from() == OfferStatus.MADE) {
            // an offer that ends before its message was requested never gets it
            update.unset("message");
        }
        if (!events.isEmpty()) {
            update.push(OutboxRelay.FIELD).each(events.toArray());
        }
        Optional<Offer> before = Optional.ofNullable(mongo.findAndModify(guard, update, OfferDocument.class))
                .map(OfferDocument::toOffer);
        if (before.isPresent() && !events.isEmpty()) {
            relay.relayAsync(OfferDocument.COLLECTION, offerId);
        }
        return before;
    }

    /** One query ({@code _id $in}), without the outboxes and held-back messages. */
    @Override
    public Map<String, Offer> findAll(Collection<String> offerIds) {
        if (offerIds.isEmpty()) {
            return Map.of();
        }
        Query query = Query.query(where("_id").in(offerIds));
        query.fields().exclude(OutboxRelay.FIELD).exclude("message");
        return mongo.find(query, OfferDocument.class).stream().map(OfferDocument::toOffer)
                .collect(Collectors.toMap(Offer::id, offer -> offer));
    }

    /**
     * One unordered bulk of updates, each on {@code {_id, status: MADE}} (the filter the index answers); only if some
     * were refused (the offer ended meanwhile), one more read tells which were applied.
     */
    @Override
    public Set<String> recordDeliveries(Map<String, Instant> deliveredAtByOfferId) {
        if (deliveredAtByOfferId.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, OfferDocument.class);
        deliveredAtByOfferId.forEach((offerId, deliveredAt) -> bulk.updateOne(
                Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)),
                new Update().set("deliveredAt", deliveredAt)));
        if (bulk.execute().getMatchedCount() == deliveredAtByOfferId.size()) {
            return deliveredAtByOfferId.keySet();
        }
        return findAll(deliveredAtByOfferId.keySet()).values().stream()
                .filter(offer -> offer.deliveredAt() != null // the store keeps milliseconds
                        && offer.deliveredAt().toEpochMilli() == deliveredAtByOfferId.get(offer.id()).toEpochMilli())
                .map(Offer::id).collect(Collectors.toSet());
    }

    @Override
    public boolean recordAcceptance(String offerId, Instant acceptedAt) {
        return mongo.updateFirst(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)),
                new Update().set("acceptedAt", acceptedAt), OfferDocument.class).getMatchedCount() == 1;
    }

    @Override
    public List<Offer> openPastDeadline(Instant now) {
        Query overdue = Query.query(where("status").is(OfferStatus.MADE).and("answerDeadline").lt(now));
        overdue.fields().exclude(OutboxRelay.FIELD).exclude("message");
        return mongo.find(overdue, OfferDocument.class).stream().map(OfferDocument::toOffer).toList();
    }

    /**
     * Which of these offers exist, in one query. Not {@code MongoTemplate.exists} per id: that counts through an
     * aggregation, which the embedded server answers by scanning the whole collection, once per id.
     */
    @Override
    public Set<String> existing(Collection<String> offerIds) {
        if (offerIds.isEmpty()) {
            return Set.of();
        }
        Query query = Query.query(where("_id").in(offerIds));
        query.fields().include("_id");
        return mongo.find(query, Document.class, OfferDocument.COLLECTION).stream()
                .map(found -> found.getString("_id")).collect(Collectors.toSet());
    }

    /** The audit trail of a release: every offer in the order it was made. */
    @Override
    public List<Offer> ofRelease(String releaseId) {
        Query query = Query.query(where("releaseId").is(releaseId)).with(Sort.by("wave", "rank"));
        query.fields().exclude(OutboxRelay.FIELD).exclude("message");
        return mongo.find(query, OfferDocument.class).stream().map(OfferDocument::toOffer).toList();
    }
}
