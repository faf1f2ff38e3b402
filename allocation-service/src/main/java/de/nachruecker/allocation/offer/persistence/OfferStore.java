package de.nachruecker.allocation.offer.persistence;

import de.nachruecker.allocation.offer.application.Offers;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Offers in MongoDB: each change is one conditional update guarded as {@link Offer.Change} says, with its events. */
@Component
public class OfferStore implements Offers {

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    public OfferStore(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
        mongo.indexOps(OfferDocument.class).createIndex(new Index()
                .on("releaseId", Sort.Direction.ASC).on("candidateId", Sort.Direction.ASC).unique()
                .named("one_offer_per_candidate_and_release"));
        // lets the embedded MongoDB-protocol server find {_id, status} by index instead of scanning (see CandidateStore)
        mongo.indexOps(OfferDocument.class).createIndex(new Index()
                .on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC).unique().named("status_lookup"));
        // and the deadline expiry's {_id, status, acceptedAt}
        mongo.indexOps(OfferDocument.class).createIndex(new Index()
                .on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC).on("acceptedAt", Sort.Direction.ASC)
                .unique().named("unanswered_lookup"));
        // and the message request's {_id, status, unsent}
        mongo.indexOps(OfferDocument.class).createIndex(new Index()
                .on("_id", Sort.Direction.ASC).on("status", Sort.Direction.ASC).on("unsent", Sort.Direction.ASC)
                .unique().named("unannounced_lookup"));
        // the recovery's query: on MongoDB only offers not yet announced (or voided before) carry the field
        mongo.indexOps(OfferDocument.class).createIndex(new Index().on("unsent", Sort.Direction.ASC).sparse()
                .named("unannounced"));
    }

    @Override
    public boolean add(Offer offer, List<PendingEvent> events, PendingEvent message) {
        try {
            mongo.insert(OfferDocument.of(offer, events, message));
        } catch (DuplicateKeyException offeredBefore) {
            return false;
        }
        return true;
    }

    /**
     * One conditional write on {@code {_id, status, unsent}}, then the offer's events are relayed: of the wave and the
     * recovery, which may both request it, only the first does.
     */
    @Override
    public boolean requestMessage(String offerId, PendingEvent message) {
        boolean open = mongo.updateFirst(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)
                        .and("unsent").is(true)),
                new Update().push(OutboxRelay.FIELD, message).unset("unsent").unset("message"), OfferDocument.class)
                .getModifiedCount() == 1;
        if (open) {
            relay.relayAsync(OfferDocument.COLLECTION, offerId);
        }
        return open;
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

    /** A repeated report writes the same instant again. */
    @Override
    public boolean recordDelivery(String offerId, Instant deliveredAt) {
        Query open = Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE));
        open.fields().exclude(OutboxRelay.FIELD).exclude("message");
        OfferDocument before = mongo.findAndModify(open, new Update().set("deliveredAt", deliveredAt),
                OfferDocument.class);
        return before != null && before.deliveredAt() == null;
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
