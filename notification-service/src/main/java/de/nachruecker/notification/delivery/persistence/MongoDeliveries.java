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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

@Repository
class MongoDeliveries implements Deliveries {

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
    public Optional<Delivery> find(String notificationId) {
        return Optional.ofNullable(mongo.findById(notificationId, DeliveryDocument.class)).map(MongoDeliveries::toDomain);
    }

    @Override
    public List<Due> findDue(Instant now, int limit) {
        // offers first (their answer deadline runs), then by due time; a scan on mongo-java-server, indexed on MongoDB
        Query due = Query.query(due(now)).with(Sort.by("priority", "nextAttemptAt")).limit(limit);
        due.fields().include("template").include("nextAttemptAt").include("leaseUntil");
        return mongo.find(due, DueView.class, DeliveryDocument.COLLECTION).stream()
                .map(view -> new Due(view.id(), view.template(),
                        view.nextAttemptAt() != null ? view.nextAttemptAt() : view.leaseUntil()))
                .toList();
    }

    @Override
    public Optional<Claimed> claimIfDue(String notificationId, Instant now, Duration lease) {
        // _id next to the conditions: found by the _id index (MongoDB, and the local platform's embedded server)
        return claim(Query.query(where("_id").is(notificationId).orOperator(dueConditions(now))), now, lease);
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

    private Optional<Claimed> claim(Query due, Instant now, Duration lease) {
        String token = UUID.randomUUID().toString();
        Update claim = new Update()
                .set("state", DeliveryState.SENDING)
                .set("leaseToken", token)
                .set("leaseUntil", now.plus(lease));
        DeliveryDocument claimed = mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(true),
                DeliveryDocument.class);
        return Optional.ofNullable(claimed).map(d -> new Claimed(toDomain(d), token));
    }

    /** The fields of a delivery that order the claims. */
    record DueView(@Id String id, MessageTemplate template, Instant nextAttemptAt, Instant leaseUntil) {
    }

    @Override
    public boolean complete(Claimed claimed, Delivery next, NotificationStatusEvent statusEvent) {
        Query leaseHeld = Query.query(where("_id").is(next.notificationId()).and("leaseToken").is(claimed.leaseToken())
                .and("state").is(DeliveryState.SENDING));
        Update update = new Update()
                .set("state", next.state())
                .set("channel", next.channel())
                .set("attempts", next.attempts())
                .set("channelAttempts", next.channelAttempts())
                .set("abandonedChannels", next.abandonedChannels())
                .set("nextAttemptAt", next.nextAttemptAt())
                .set("lastFailure", next.lastFailure())
                .set("finishedAt", next.finishedAt())
                .unset("leaseToken")
                .unset("leaseUntil");
        if (next.state().isFinal()) {
            // the outcome and the end of the token / code are one write: once sent or given up, the document never
            // holds them again, sealed or (stored by an earlier version) in clear (Delivery.SECRET_PARAMETERS)
            update.set("parameters", next.parameters()).unset("secrets");
        }
        if (statusEvent != null) {
            update.push(OutboxRelay.FIELD, PendingEvent.of(Topics.NOTIFICATION_STATUS, statusEvent, codec));
        }
        boolean held = mongo.updateFirst(leaseHeld, update, DeliveryDocument.class).getMatchedCount() == 1;
        if (held && statusEvent != null) {
            outboxRelay.relayAsync(DeliveryDocument.COLLECTION, next.notificationId());
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
