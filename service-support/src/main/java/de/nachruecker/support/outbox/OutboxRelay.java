package de.nachruecker.support.outbox;

import de.nachruecker.support.messaging.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes the events that documents hold in their {@value #FIELD} array and removes each one once the broker has
 * it. Right after a write the owner calls {@link #relayAsync}; a periodic sweep catches what a crash or a broker
 * outage left behind. Delivery is at least once: consumers deduplicate by event id.
 *
 * <p>Relays run on a few lanes, each one thread, and a document always goes to the same lane: its events stay in
 * order and two relays of one document never run at once, while the round trips (read the outbox, wait for the
 * broker, remove what it took) of different documents overlap. One thread had been the ceiling of a whole service
 * under load: about 40 documents a second, while slot-service took in 100 releases a second.
 *
 * <p>A document already waiting on its lane is not queued again: the waiting relay reads its outbox when it starts,
 * so it takes the newer events too. Without that, every sweep of a backlog queued each pending document once more,
 * and the repeated reads grew the backlog they were meant to clear.
 *
 * <p>On shutdown the relay drops the relays still queued and lets the running ones finish before the database client
 * closes (this bean depends on it, so it is destroyed first): what was dropped stays in its document for the next
 * sweep, of this instance after a restart or of another one.
 */
public class OutboxRelay implements DisposableBean {

    public static final String FIELD = "outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<ThreadPoolTaskExecutor> lanes;
    private final List<String> collections;
    private final Counter published;
    private final Counter failed;
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();

    /** @param lanes single-thread executors, started, configured to drop queued tasks and wait a bounded time on shutdown */
    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, List<ThreadPoolTaskExecutor> lanes,
                       List<String> collections, MeterRegistry meters) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("the outbox relay needs at least one lane");
        }
        this.mongo = mongo;
        this.publisher = publisher;
        this.lanes = List.copyOf(lanes);
        this.collections = List.copyOf(collections);
        this.published = Counter.builder("outbox.events.published")
                .description("Events handed from a document's outbox to the broker").register(meters);
        this.failed = Counter.builder("outbox.publish.failures")
                .description("Attempts to publish an outbox event that failed and will be retried").register(meters);
        Gauge.builder("outbox.relays.waiting", waiting, Set::size)
                .description("Documents whose outbox waits on a relay lane").register(meters);
    }

    /** Publishes the pending events of one document without holding up the caller (e.g. a web request). */
    public void relayAsync(String collection, Object documentId) {
        Waiting relay = new Waiting(collection, documentId);
        if (!waiting.add(relay)) {
            return;
        }
        try {
            laneOf(collection, documentId).execute(() -> {
                // from here on a new write queues a new relay: this one may read the outbox before that write
                waiting.remove(relay);
                relayOrLeaveToSweep(collection, documentId);
            });
        } catch (TaskRejectedException e) {
            waiting.remove(relay);
            // shutting down: the write is stored with its outbox, which the next sweep publishes
            log.debug("relay of {}/{} left to the next sweep: {}", collection, documentId, e.getMessage());
        }
    }

    /** How many documents wait on their lanes for a relay. */
    int waiting() {
        return waiting.size();
    }

    /** A relay that meets an unreachable database leaves the events stored; the next sweep sends them. */
    private void relayOrLeaveToSweep(String collection, Object documentId) {
        try {
            relay(collection, documentId);
        } catch (DataAccessResourceFailureException e) {
            log.warn("relay of {}/{} left to the next sweep, the database is not reachable: {}", collection,
                    documentId, e.getMessage());
        }
    }

    /** The one lane of a document, for every relay of it. */
    ThreadPoolTaskExecutor laneOf(String collection, Object documentId) {
        return lanes.get(Math.floorMod(Objects.hash(collection, documentId), lanes.size()));
    }

    @Override
    public void destroy() {
        lanes.forEach(ThreadPoolTaskExecutor::shutdown);
    }

    /**
     * Publishes the pending events of one document, oldest first, and then removes the published ones in one write;
     * stops at the first failure to keep their order.
     */
    public void relay(String collection, Object documentId) {
        Query query = Query.query(Criteria.where("_id").is(documentId));
        query.fields().include(FIELD);
        OutboxView view = mongo.findOne(query, OutboxView.class, collection);
        if (view == null || view.outbox() == null) {
            return;
        }
        List<String> sent = new ArrayList<>();
        for (PendingEvent event : view.outbox()) {
            try {
                publisher.send(event.topic(), event.key(), event.eventId(), event.type(), event.payload(),
                        event.correlationId());
            } catch (RuntimeException e) {
                failed.increment();
                log.warn("outbox event {} of {}/{} not published yet, will retry: {}", event.eventId(), collection,
                        documentId, e.getMessage());
                break;
            }
            sent.add(event.eventId());
        }
        if (!sent.isEmpty()) {
            // a crash before this write publishes them again: at least once, and consumers deduplicate
            mongo.updateFirst(Query.query(Criteria.where("_id").is(documentId)),
                    new Update().pull(FIELD, new Document("eventId", new Document("$in", sent))), collection);
            published.increment(sent.size());
        }
    }

    /**
     * Catches up on every document that still holds pending events. Each is queued on its lane like the relays after
     * writes, so a sweep and a write-time relay never publish the same document at once.
     */
    @Scheduled(fixedDelayString = "${nachruecker.outbox.sweep-interval:5s}",
            initialDelayString = "${nachruecker.outbox.sweep-interval:5s}")
    public void sweep() {
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(FIELD + ".0").exists(true));
            pending.fields().include("_id");
            List<IdView> documents;
            try {
                documents = mongo.find(pending, IdView.class, collection);
            } catch (DataAccessResourceFailureException e) {
                // an outage, not a bug: one line per sweep instead of the scheduler's stack trace
                log.warn("outbox sweep skipped, the database is not reachable: {}", e.getMessage());
                return;
            }
            documents.forEach(document -> relayAsync(collection, document.id()));
        }
    }

    private record Waiting(String collection, Object documentId) {
    }

    record OutboxView(Object id, List<PendingEvent> outbox) {
    }

    record IdView(Object id) {
    }
}
