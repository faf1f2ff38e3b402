package de.nachruecker.support.outbox;

import de.nachruecker.support.messaging.EventPublisher;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Publishes the events that documents hold in their {@value #FIELD} array and removes each one once the broker has
 * it. Right after a write the owner calls {@link #relayAsync}; a periodic sweep catches what a crash or a broker
 * outage left behind. Delivery is at least once: consumers deduplicate by event id.
 *
 * <p>Relays run on a few lanes, each one thread, and a document always goes to the same lane: its events stay in
 * order and two relays of one document never run at once, while the round trips of different documents overlap. One
 * thread had been the ceiling of a whole service under load: about 40 documents a second, while slot-service took in
 * 100 releases a second.
 *
 * <p><b>A lane relays in batches.</b> When it runs, it takes every document waiting on it (up to {@value #BATCH} at a
 * time): one read of all their outboxes ({@code _id $in}), their events handed to the producer at once and awaited
 * together, and one bulk write that removes what the broker took. Under load that is two database round trips for
 * many documents instead of two per document. A document's own events are sent one round after another (its first
 * events, then its second ones of those whose first arrived …), so a failure stops that document at the failed event
 * and nothing after it overtakes it; documents are independent of each other, as they always were.
 *
 * <p><b>Events in hand.</b> A writer that knows it has written everything a document's outbox holds (a document that
 * only ever gets one event, such as a delivery's status) hands those events over with {@link #relayWrittenAsync}: the
 * lane publishes them without reading the outbox first, so such a batch costs the one bulk write only.
 *
 * <p>A document already waiting on its lane is not queued again: the batch that takes it reads its outbox afterwards,
 * so it takes the newer events too (also when the waiting relay had events in hand: it reads instead). Without that,
 * every sweep of a backlog queued each pending document once more, and the repeated reads grew the backlog they were
 * meant to clear.
 *
 * <p>On shutdown the relay drops the relays still queued and lets the running ones finish before the database client
 * closes (this bean depends on it, so it is destroyed first): what was dropped stays in its document for the next
 * sweep, of this instance after a restart or of another one.
 */
public class OutboxRelay implements DisposableBean {

    public static final String FIELD = "outbox";
    /** A document whose outbox holds an event has this field; the sweep asks for it, and its index holds it. */
    static final String PENDING = FIELD + ".0.eventId";
    static final String PENDING_INDEX = "outbox_pending";
    /** Documents one lane relays with one read and one bulk write. */
    static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

    private final MongoTemplate mongo;
    private final EventPublisher publisher;
    private final List<ThreadPoolTaskExecutor> lanes;
    private final List<Queue<Waiting>> queues;
    private final List<String> collections;
    private final Counter published;
    private final Counter failed;
    /** Documents waiting on a lane, with the context (trace) of the write that queued them and its events in hand. */
    private final Map<Waiting, Queued> waiting = new ConcurrentHashMap<>();
    /** Collections whose sweep index this relay has made sure of. */
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    /** @param lanes single-thread executors, started, configured to drop queued tasks and wait a bounded time on shutdown */
    public OutboxRelay(MongoTemplate mongo, EventPublisher publisher, List<ThreadPoolTaskExecutor> lanes,
                       List<String> collections, MeterRegistry meters) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("the outbox relay needs at least one lane");
        }
        this.mongo = mongo;
        this.publisher = publisher;
        this.lanes = List.copyOf(lanes);
        this.queues = lanes.stream().<Queue<Waiting>>map(lane -> new ConcurrentLinkedQueue<>()).toList();
        this.collections = List.copyOf(collections);
        this.published = Counter.builder("outbox.events.published")
                .description("Events handed from a document's outbox to the broker").register(meters);
        this.failed = Counter.builder("outbox.publish.failures")
                .description("Attempts to publish an outbox event that failed and will be retried").register(meters);
        Gauge.builder("outbox.relays.waiting", waiting, Map::size)
                .description("Documents whose outbox waits on a relay lane").register(meters);
    }

    /** Publishes the pending events of one document without holding up the caller (e.g. a web request). */
    public void relayAsync(String collection, Object documentId) {
        Map<Object, List<PendingEvent>> one = new HashMap<>();
        one.put(documentId, null);
        queue(collection, one, callersContext());
    }

    /**
     * Publishes the events just written to these documents without holding up the caller and without reading their
     * outboxes: each document's list must be all its outbox holds, i.e. no earlier event of it can still be pending
     * (its writer adds at most one event to a document, ever). A document already waiting for a relay is read as
     * usual. All are queued before their lanes run, so a lane takes its share of them as one batch.
     *
     * @param written the events of each document, as the write just stored them
     */
    public void relayWrittenAsync(String collection, Map<?, List<PendingEvent>> written) {
        queue(collection, written, callersContext());
    }

    /**
     * {@link #relayWrittenAsync(String, Map)} for documents that one thread wrote on behalf of several others, such
     * as the requests of a group commit: each document's relay continues the trace of the one it was written for.
     * All are queued before their lanes run, so a lane takes its share of them as one batch.
     */
    public void relayWrittenAsync(String collection, List<Written> written) {
        Map<Object, List<PendingEvent>> events = new LinkedHashMap<>();
        Map<Object, ContextSnapshot> contexts = new HashMap<>();
        for (Written document : written) {
            events.put(document.documentId(), document.events());
            contexts.put(document.documentId(), document.context());
        }
        queue(collection, events, contexts::get);
    }

    /**
     * The context (trace) of the work on this thread, for {@link Written}: a relay right after a write continues the
     * writer's trace.
     */
    public static ContextSnapshot writersContext() {
        return CONTEXT.captureAll();
    }

    /** The caller's context, for every document it queues. */
    private static Function<Object, ContextSnapshot> callersContext() {
        ContextSnapshot context = writersContext();
        return documentId -> context;
    }

    /**
     * @param documents each document's events in hand, or {@code null}: read its outbox
     * @param contextOf the context of the write of a document
     */
    private void queue(String collection, Map<?, List<PendingEvent>> documents,
                       Function<Object, ContextSnapshot> contextOf) {
        Map<Integer, List<Waiting>> queuedOnLane = new TreeMap<>();
        documents.forEach((documentId, written) -> {
            Waiting relay = new Waiting(collection, documentId);
            boolean[] fresh = {false};
            waiting.compute(relay, (key, queued) -> {
                if (queued == null) {
                    fresh[0] = true;
                    // continued even when another write's relay takes this document along
                    return new Queued(contextOf.apply(documentId), written == null ? null : List.copyOf(written));
                }
                // waiting already: that relay reads the outbox, which holds this write's events too
                return new Queued(queued.context(), null);
            });
            if (fresh[0]) {
                int lane = laneIndex(collection, documentId);
                queues.get(lane).add(relay);
                queuedOnLane.computeIfAbsent(lane, ignored -> new ArrayList<>()).add(relay);
            }
        });
        queuedOnLane.forEach((lane, relays) -> {
            try {
                lanes.get(lane).execute(() -> relayWaiting(lane));
            } catch (TaskRejectedException e) {
                for (Waiting relay : relays) {
                    queues.get(lane).remove(relay);
                    waiting.remove(relay);
                }
                // shutting down: the write is stored with its outbox, which the next sweep publishes
                log.debug("relay of {} document(s) of {} left to the next sweep: {}", relays.size(), collection,
                        e.getMessage());
            }
        });
    }

    /** How many documents wait on their lanes for a relay. */
    int waiting() {
        return waiting.size();
    }

    /**
     * Relays everything waiting on the lane, in batches. A task finds nothing when an earlier one took its document
     * along: then it ends at once.
     */
    private void relayWaiting(int lane) {
        Queue<Waiting> queue = queues.get(lane);
        while (true) {
            Map<String, Map<Object, Queued>> batch = new LinkedHashMap<>();
            Waiting next;
            int taken = 0;
            while (taken < BATCH && (next = queue.poll()) != null) {
                // from here on a new write queues a new relay: this one may read the outbox before that write
                Queued queued = waiting.remove(next);
                batch.computeIfAbsent(next.collection(), ignored -> new LinkedHashMap<>())
                        .put(next.documentId(), queued);
                taken++;
            }
            if (taken == 0) {
                return;
            }
            batch.forEach(this::relayOrLeaveToSweep);
        }
    }

    /** A relay that meets an unreachable database leaves the events stored; the next sweep sends them. */
    private void relayOrLeaveToSweep(String collection, Map<Object, Queued> documents) {
        try {
            relayAll(collection, documents);
        } catch (DataAccessResourceFailureException e) {
            log.warn("relay of {}/{} left to the next sweep, the database is not reachable: {}", collection,
                    documents.size() == 1 ? documents.keySet().iterator().next() : documents.size() + " documents",
                    e.getMessage());
        }
    }

    /** The one lane of a document, for every relay of it. */
    ThreadPoolTaskExecutor laneOf(String collection, Object documentId) {
        return lanes.get(laneIndex(collection, documentId));
    }

    private int laneIndex(String collection, Object documentId) {
        return Math.floorMod(Objects.hash(collection, documentId), lanes.size());
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
        Map<Object, Queued> one = new HashMap<>();
        one.put(documentId, null);
        relayAll(collection, one);
    }

    /**
     * Publishes the pending events of these documents: one read (of those whose events are not in hand), the events
     * of all of them in flight together (a document's own one after another), one bulk write removing what the
     * broker took.
     */
    private void relayAll(String collection, Map<Object, Queued> documents) {
        List<Outbox> outboxes = new ArrayList<>();
        List<Object> toRead = new ArrayList<>();
        documents.forEach((id, queued) -> {
            if (queued != null && queued.written() != null) {
                if (!queued.written().isEmpty()) {
                    outboxes.add(new Outbox(id, queued.written(), queued.context()));
                }
            } else {
                toRead.add(id);
            }
        });
        if (!toRead.isEmpty()) {
            Query query = Query.query(Criteria.where("_id").in(toRead));
            query.fields().include(FIELD);
            for (OutboxView view : mongo.find(query, OutboxView.class, collection)) {
                if (view.outbox() != null && !view.outbox().isEmpty()) {
                    Queued queued = documents.get(view.id());
                    outboxes.add(new Outbox(view.id(), view.outbox(), queued == null ? null : queued.context()));
                }
            }
        }
        if (outboxes.isEmpty()) {
            return;
        }
        // round n sends the n-th event of every document whose earlier events all arrived
        for (int round = 0; ; round++) {
            Map<Outbox, CompletableFuture<?>> inFlight = new LinkedHashMap<>();
            for (Outbox outbox : outboxes) {
                if (!outbox.stopped && round < outbox.events.size()) {
                    inFlight.put(outbox, send(outbox, outbox.events.get(round)));
                }
            }
            if (inFlight.isEmpty()) {
                break;
            }
            inFlight.forEach((outbox, sending) -> {
                PendingEvent event = outbox.events.get(outbox.sent.size());
                try {
                    sending.join();
                    outbox.sent.add(event.eventId());
                } catch (CompletionException | CancellationException e) {
                    failed.increment();
                    outbox.stopped = true;
                    log.warn("outbox event {} of {}/{} not published yet, will retry: {}", event.eventId(),
                            collection, outbox.id, (e.getCause() != null ? e.getCause() : e).getMessage());
                }
            });
        }
        BulkOperations removal = null;
        int sent = 0;
        for (Outbox outbox : outboxes) {
            if (!outbox.sent.isEmpty()) {
                if (removal == null) {
                    removal = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
                }
                // a crash before this write publishes them again: at least once, and consumers deduplicate
                removal.updateOne(Query.query(Criteria.where("_id").is(outbox.id)),
                        new Update().pull(FIELD, new Document("eventId", new Document("$in", outbox.sent))));
                sent += outbox.sent.size();
            }
        }
        if (removal != null) {
            removal.execute();
            published.increment(sent);
        }
    }

    /** Hands one event to the producer inside the context of the write that queued its document. */
    @SuppressWarnings("try") // the scope only holds the thread locals while the record is handed over
    private CompletableFuture<?> send(Outbox outbox, PendingEvent event) {
        if (outbox.context == null) {
            return sendNow(event);
        }
        try (ContextSnapshot.Scope scope = outbox.context.setThreadLocals()) {
            return sendNow(event);
        }
    }

    private CompletableFuture<?> sendNow(PendingEvent event) {
        return publisher.sendAsync(event.topic(), event.key(), event.eventId(), event.type(), event.payload(),
                event.correlationId());
    }

    /**
     * Catches up on every document that still holds pending events. Each is queued on its lane like the relays after
     * writes, so a sweep and a write-time relay never publish the same document at once.
     */
    @Scheduled(fixedDelayString = "${nachruecker.outbox.sweep-interval:5s}",
            initialDelayString = "${nachruecker.outbox.sweep-interval:5s}")
    public void sweep() {
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(PENDING).exists(true));
            pending.fields().include("_id");
            List<IdView> documents;
            try {
                indexPending(collection);
                documents = mongo.find(pending, IdView.class, collection);
            } catch (DataAccessResourceFailureException e) {
                // an outage, not a bug: one line per sweep instead of the scheduler's stack trace
                log.warn("outbox sweep skipped, the database is not reachable: {}", e.getMessage());
                return;
            }
            Map<Object, List<PendingEvent>> toRead = new LinkedHashMap<>();
            documents.forEach(document -> toRead.put(document.id(), null));
            queue(collection, toRead, callersContext());
        }
    }

    /**
     * The sweep's index: sparse, so it holds only the documents with a pending event (the first one's id), which is
     * all the sweep reads, on MongoDB and on the local platform's store alike. Without it every sweep read every
     * document of the collection, which grows all day. Created by the first sweep rather than at startup, so that a
     * relay starts also while the database is away.
     */
    private void indexPending(String collection) {
        if (!indexed.contains(collection)) {
            mongo.indexOps(collection).createIndex(new Index().on(PENDING, Sort.Direction.ASC).sparse()
                    .named(PENDING_INDEX));
            indexed.add(collection);
        }
    }

    /** One document of a batch: its pending events, what of them the broker took, whether one failed. */
    private static final class Outbox {

        final Object id;
        final List<PendingEvent> events;
        final ContextSnapshot context;
        final List<String> sent = new ArrayList<>();
        boolean stopped;

        Outbox(Object id, List<PendingEvent> events, ContextSnapshot context) {
            this.id = id;
            this.events = events;
            this.context = context;
        }
    }

    /**
     * A document just written, with all its outbox holds (see {@link #relayWrittenAsync(String, Map)}) and the context
     * of the work it was written for ({@link #writersContext()} on that work's thread).
     */
    public record Written(Object documentId, List<PendingEvent> events, ContextSnapshot context) {
    }

    private record Waiting(String collection, Object documentId) {
    }

    /** @param written the document's events in hand; {@code null}: read its outbox */
    private record Queued(ContextSnapshot context, List<PendingEvent> written) {
    }

    record OutboxView(Object id, List<PendingEvent> outbox) {
    }

    record IdView(Object id) {
    }
}
