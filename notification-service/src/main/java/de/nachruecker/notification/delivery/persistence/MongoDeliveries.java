package de.nachruecker.notification.delivery.persistence;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.delivery.application.Deliveries;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryPriority;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.persistence.BulkInserts;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

@Repository
class MongoDeliveries implements Deliveries {

    /** The lease under which the last outcome was stored: tells a batch which of its writes applied. */
    static final String COMPLETED_LEASE = "completedLease";

    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;
    private final EventCodec codec;

    MongoDeliveries(MongoTemplate mongo, OutboxRelay outboxRelay, EventCodec codec) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
        this.codec = codec;
    }

    @Override
    public boolean insertIfAbsent(Delivery d) {
        try {
            mongo.insert(toDocument(d));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Set<String> insertAllIfAbsent(List<Delivery> deliveries) {
        // a known id is a duplicate: nothing written for it, every other insert of the batch applied
        Set<Integer> known = BulkInserts.insertAll(mongo, DeliveryDocument.class,
                deliveries.stream().map(MongoDeliveries::toDocument).toList());
        Set<String> inserted = new LinkedHashSet<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (!known.contains(i)) {
                inserted.add(deliveries.get(i).notificationId());
            }
        }
        return inserted;
    }

    @Override
    public Map<String, Delivery> findAll(Collection<String> notificationIds) {
        Map<String, Delivery> found = new HashMap<>();
        if (!notificationIds.isEmpty()) {
            mongo.find(Query.query(where("_id").in(notificationIds)), DeliveryDocument.class)
                    .forEach(d -> found.put(d.notificationId(), toDomain(d)));
        }
        return found;
    }

    @Override
    public Optional<Delivery> find(String notificationId) {
        return Optional.ofNullable(mongo.findById(notificationId, DeliveryDocument.class)).map(MongoDeliveries::toDomain);
    }

    @Override
    public List<Due> findDue(Instant now, int limit) {
        // offers first (their answer deadline runs), then by due time: read in the order of the index due-by-priority
        // and stopped at the limit, on MongoDB and on the local platform's store
        Query due = Query.query(due(now)).with(Sort.by("priority", "nextAttemptAt")).limit(limit);
        due.fields().include("template").include("nextAttemptAt").include("leaseUntil");
        return mongo.find(due, DueView.class, DeliveryDocument.COLLECTION).stream()
                .map(view -> new Due(view.id(), view.template(),
                        view.nextAttemptAt() != null ? view.nextAttemptAt() : view.leaseUntil()))
                .toList();
    }

    @Override
    public List<Claimed> claimAllIfDue(List<String> notificationIds, Instant now, Duration lease) {
        if (notificationIds.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        Update claim = new Update()
                .set("state", DeliveryState.SENDING)
                .set("leaseToken", token)
                .set("leaseUntil", now.plus(lease));
        if (notificationIds.size() == 1) {
            // one delivery (work arriving one at a time): one findAndModify instead of an update and a read
            DeliveryDocument won = mongo.findAndModify(Query.query(where("_id").is(notificationIds.get(0))
                    .orOperator(dueConditions(now))), claim, FindAndModifyOptions.options().returnNew(true),
                    DeliveryDocument.class);
            return won == null ? List.of() : List.of(new Claimed(toDomain(won), token));
        }
        // one conditional update for the batch, each document taken atomically (by _id: the index on MongoDB and on
        // the local platform's embedded server), then one read of what this token won
        Query due = Query.query(where("_id").in(notificationIds).orOperator(dueConditions(now)));
        if (mongo.updateMulti(due, claim, DeliveryDocument.class).getModifiedCount() == 0) {
            return List.of();
        }
        Map<String, DeliveryDocument> won = new HashMap<>();
        mongo.find(Query.query(where("_id").in(notificationIds).and("leaseToken").is(token)), DeliveryDocument.class)
                .forEach(d -> won.put(d.notificationId(), d));
        return notificationIds.stream().distinct().map(won::get).filter(Objects::nonNull)
                .map(d -> new Claimed(toDomain(d), token)).toList();
    }

    /** Pending and due, or sending under a lease that ran out (its worker crashed or hangs). */
    private static Criteria due(Instant now) {
        return new Criteria().orOperator(dueConditions(now));
    }

    private static Criteria[] dueConditions(Instant now) {
        return new Criteria[] {
                where("state").is(DeliveryState.PENDING).and("nextAttemptAt").lte(now),
                where("state").is(DeliveryState.SENDING).and("leaseUntil").lte(now)};
    }

    /** The fields of a delivery that order the claims. */
    record DueView(@Id String id, MessageTemplate template, Instant nextAttemptAt, Instant leaseUntil) {
    }

    @Override
    public Set<String> completeAll(Collection<Completion> completions) {
        if (completions.isEmpty()) {
            return Set.of();
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, DeliveryDocument.class);
        Map<String, PendingEvent> events = new HashMap<>();
        for (Completion completion : completions) {
            PendingEvent event = completion.statusEvent() == null ? null
                    : PendingEvent.of(Topics.NOTIFICATION_STATUS, completion.statusEvent(), codec);
            if (event != null) {
                events.put(completion.next().notificationId(), event);
            }
            writes.updateOne(leaseHeld(completion.claimed()), update(completion, event));
        }
        int matched = writes.execute().getMatchedCount();
        Set<String> held = new HashSet<>();
        if (matched == completions.size()) {
            completions.forEach(completion -> held.add(completion.next().notificationId()));
        } else {
            // a lease was lost (a send outlasted it): which writes applied shows in the token each one left
            held.addAll(completedUnder(completions));
        }
        // a delivery gets one status event, ever (its final outcome): what this write stored is all its outbox holds,
        // so the relay publishes it without reading it back
        Map<String, List<PendingEvent>> written = new HashMap<>();
        events.forEach((id, event) -> {
            if (held.contains(id)) {
                written.put(id, List.of(event));
            }
        });
        if (!written.isEmpty()) {
            outboxRelay.relayWrittenAsync(DeliveryDocument.COLLECTION, written);
        }
        return held;
    }

    private static Query leaseHeld(Claimed claimed) {
        return Query.query(where("_id").is(claimed.delivery().notificationId()).and("leaseToken")
                .is(claimed.leaseToken()).and("state").is(DeliveryState.SENDING));
    }

    private static Update update(Completion completion, PendingEvent statusEvent) {
        Delivery next = completion.next();
        Update update = new Update()
                .set("state", next.state())
                .set("channel", next.channel())
                .set("attempts", next.attempts())
                .set("channelAttempts", next.channelAttempts())
                .set("abandonedChannels", next.abandonedChannels())
                .set("nextAttemptAt", next.nextAttemptAt())
                .set("lastFailure", next.lastFailure())
                .set("finishedAt", next.finishedAt())
                .set(COMPLETED_LEASE, completion.claimed().leaseToken())
                .unset("leaseToken")
                .unset("leaseUntil");
        if (next.state().isFinal()) {
            // the outcome and the end of the token / code are one write: once sent or given up, the document never
            // holds them again, sealed or (stored by an earlier version) in clear (Delivery.SECRET_PARAMETERS)
            update.set("parameters", next.parameters()).unset("secrets");
        }
        if (statusEvent != null) {
            update.push(OutboxRelay.FIELD, statusEvent);
        }
        return update;
    }

    private Set<String> completedUnder(Collection<Completion> completions) {
        Map<String, String> tokens = new HashMap<>();
        completions.forEach(c -> tokens.put(c.next().notificationId(), c.claimed().leaseToken()));
        Query query = Query.query(where("_id").in(tokens.keySet()));
        query.fields().include(COMPLETED_LEASE);
        Set<String> held = new HashSet<>();
        for (Document found : mongo.find(query, Document.class, DeliveryDocument.COLLECTION)) {
            String id = found.getString("_id");
            if (tokens.get(id).equals(found.getString(COMPLETED_LEASE))) {
                held.add(id);
            }
        }
        return held;
    }

    private static DeliveryDocument toDocument(Delivery d) {
        return new DeliveryDocument(d.notificationId(), d.candidateId(), d.template(),
                DeliveryPriority.rank(d.template()), d.parameters(), d.requestedAt(), d.acceptedAt(), d.state(), d.channel(), d.attempts(), d.channelAttempts(),
                d.abandonedChannels(), d.nextAttemptAt(), d.lastFailure(), d.finishedAt(), null, null, List.of(),
                d.secrets());
    }

    private static Delivery toDomain(DeliveryDocument d) {
        return new Delivery(d.notificationId(), d.candidateId(), d.template(), d.parameters(), d.requestedAt(),
                d.acceptedAt(), d.state(), d.channel(), d.attempts(), d.channelAttempts(),
                d.abandonedChannels() == null ? Set.of() : d.abandonedChannels(), d.nextAttemptAt(),
                d.lastFailure(), d.finishedAt(), d.secrets());
    }
}
