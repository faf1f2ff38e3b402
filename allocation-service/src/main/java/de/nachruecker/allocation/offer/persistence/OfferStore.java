package de.nachruecker.allocation.offer.persistence;

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

/** Offers in MongoDB: each state change is one conditional update from MADE, together with its events. */
@Component
public class OfferStore {

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
    }

    /**
     * Writes a new offer with the events of its outbox, which are relayed with the offer's message
     * ({@link #requestMessage}) or its end ({@link #decide}), whichever comes first (or by the outbox sweep).
     *
     * @return false if the candidate was offered this release before
     */
    public boolean insert(OfferDocument offer) {
        try {
            mongo.insert(offer);
        } catch (DuplicateKeyException offeredBefore) {
            return false;
        }
        return true;
    }

    /**
     * Requests the offer's message, only while the offer is open (one conditional write on {@code {_id, status}}),
     * and relays the offer's events.
     *
     * @return false if the offer had ended: its message is not requested
     */
    public boolean requestMessage(String offerId, PendingEvent message) {
        boolean open = mongo.updateFirst(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)),
                new Update().push(OutboxRelay.FIELD, message).unset("unsent"), OfferDocument.class)
                .getModifiedCount() == 1;
        if (open) {
            relay.relayAsync(OfferDocument.COLLECTION, offerId);
        }
        return open;
    }

    public Optional<OfferDocument> find(String offerId) {
        return Optional.ofNullable(mongo.findById(offerId, OfferDocument.class));
    }

    /**
     * MADE → {@code next} with its events.
     *
     * @return the offer as it was the moment it left MADE (so whether it had been delivered then), or empty if it was
     *         no longer MADE
     */
    public Optional<OfferDocument> decide(String offerId, OfferStatus next, Instant now, List<PendingEvent> events) {
        return decide(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)), offerId, next, now,
                events);
    }

    /**
     * MADE → EXPIRED at the deadline, only while no yes given in time is recorded ({@link #recordAcceptance}): a
     * sweep that read the offer before the acceptance was recorded cannot expire it after.
     *
     * @return as {@link #decide}; empty also if a yes was recorded
     */
    public Optional<OfferDocument> expireUnanswered(String offerId, Instant now, List<PendingEvent> events) {
        return decideUnaccepted(offerId, OfferStatus.EXPIRED, now, events);
    }

    /**
     * MADE → {@code next}, only while no yes given in time is recorded: an offer whose yes is recorded ends as that
     * yes's outcome (confirmed, or too late), never as if nobody had answered.
     *
     * @return as {@link #decide}; empty also if a yes was recorded
     */
    public Optional<OfferDocument> decideUnaccepted(String offerId, OfferStatus next, Instant now,
                                                    List<PendingEvent> events) {
        return decide(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)
                .and("acceptedAt").is(null)), offerId, next, now, events);
    }

    private Optional<OfferDocument> decide(Query open, String offerId, OfferStatus next, Instant now,
                                           List<PendingEvent> events) {
        OfferStatus.MADE.to(next);
        open.fields().exclude(OutboxRelay.FIELD);
        Optional<OfferDocument> before = Optional.ofNullable(mongo.findAndModify(open,
                new Update().set("status", next).set("decidedAt", now).push(OutboxRelay.FIELD).each(events.toArray()),
                OfferDocument.class));
        if (before.isPresent()) {
            relay.relayAsync(OfferDocument.COLLECTION, offerId);
        }
        return before;
    }

    /**
     * The offer message reached the gateway: recorded only while the offer is open, so that whether an ended offer
     * counts as seen is decided once, when it ends. A repeated report writes the same instant again.
     *
     * @return true if this recorded the delivery for the first time; false if it was recorded before or the offer was
     *         not open (any more)
     */
    public boolean recordDelivery(String offerId, Instant deliveredAt) {
        Query open = Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE));
        open.fields().exclude(OutboxRelay.FIELD);
        OfferDocument before = mongo.findAndModify(open, new Update().set("deliveredAt", deliveredAt),
                OfferDocument.class);
        return before != null && !before.delivered();
    }

    /**
     * A yes given before the deadline, recorded on the open offer before the release is asked for a dose, so that
     * the expiry sweep honours it instead of expiring the offer ({@link #expireUnanswered}). A repeated yes writes
     * again.
     *
     * @return false if the offer was not open (any more)
     */
    public boolean recordAcceptance(String offerId, Instant acceptedAt) {
        return mongo.updateFirst(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.MADE)),
                new Update().set("acceptedAt", acceptedAt), OfferDocument.class).getMatchedCount() == 1;
    }

    /**
     * CONFIRMED → {@code outcome} (VACCINATED, MISSED or CANCELLED) with its events; false if the appointment had
     * ended before (an arrival recorded, or cancelled). The centre's record and the candidate's cancellation race
     * through this one conditional write: exactly one of them ends the appointment.
     */
    public boolean recordArrival(String offerId, OfferStatus outcome, Instant now, List<PendingEvent> events) {
        OfferStatus.CONFIRMED.to(outcome);
        Update update = new Update().set("status", outcome).set("arrivalRecordedAt", now);
        if (!events.isEmpty()) {
            update.push(OutboxRelay.FIELD).each(events.toArray());
        }
        boolean ended = mongo.updateFirst(Query.query(where("_id").is(offerId).and("status").is(OfferStatus.CONFIRMED)),
                update, OfferDocument.class).getModifiedCount() == 1;
        if (ended && !events.isEmpty()) {
            relay.relayAsync(OfferDocument.COLLECTION, offerId);
        }
        return ended;
    }

    public List<OfferDocument> openPastDeadline(Instant now) {
        return mongo.find(Query.query(where("status").is(OfferStatus.MADE).and("answerDeadline").lt(now)),
                OfferDocument.class);
    }

    /**
     * Which of these offers exist, in one query. Not {@code MongoTemplate.exists} per id: that counts through an
     * aggregation, which the embedded server answers by scanning the whole collection, once per id.
     */
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
    public List<OfferDocument> ofRelease(String releaseId) {
        Query query = Query.query(where("releaseId").is(releaseId)).with(Sort.by("wave", "rank"));
        query.fields().exclude(OutboxRelay.FIELD);
        return mongo.find(query, OfferDocument.class);
    }
}
