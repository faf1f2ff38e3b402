package de.nachruecker.slot.release.persistence;

import com.mongodb.bulk.BulkWriteError;
import de.nachruecker.slot.config.SlotProperties;
import de.nachruecker.support.batch.CommitBatches;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.persistence.BulkInserts;
import io.micrometer.context.ContextSnapshot;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * New releases written in batches: concurrent publications share one unordered bulk insert (service-support's
 * {@link CommitBatches}), and their events go to the relay together, so a lane sends them as one batch and marks them
 * sent with one write. Each request gets the answer a lone insert would have given it: stored, or its idempotency key
 * taken (by an earlier release or by another one of the same batch), or its own error; one refused insert does not
 * hold back the others.
 *
 * <p>Crash safety is a lone insert's: each document carries its event in its outbox, so whatever is stored is
 * published (by the relay queued here, or the sweep); a request that got no answer stored nothing it knows of, and a
 * retry with its idempotency key is answered with the release if it was stored.
 */
@Component
class ReleaseInserts implements DisposableBean {

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final CommitBatches<Boolean, Insert> batches;

    ReleaseInserts(MongoTemplate mongo, OutboxRelay relay, SlotProperties properties) {
        this.mongo = mongo;
        this.relay = relay;
        this.batches = new CommitBatches<>("publishing", properties.publishing().committers(),
                properties.publishing().maxBatch(), this::commit);
    }

    /**
     * Stores a new release whose outbox holds just {@code event}, and has it relayed. Returns once it is stored.
     *
     * @return {@code false} if its idempotency key is taken (nothing written)
     * @throws DuplicateKeyException whatever else a unique index refused (a clash of random ids)
     */
    boolean insert(ReleaseDocument document, PendingEvent event) {
        return batches.submit(new Insert(document, event, OutboxRelay.writersContext(), new CompletableFuture<>()));
    }

    /** One round trip for the batch, then one hand-over of the stored ones' events to the relay. */
    void commit(List<Insert> batch) {
        Map<Integer, BulkWriteError> errors = BulkInserts.insertEach(mongo, ReleaseDocument.class,
                batch.stream().map(Insert::document).toList());
        List<OutboxRelay.Written> written = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!errors.containsKey(i)) {
                Insert stored = batch.get(i);
                // a new release's outbox holds just this event: relayed as in hand, without reading it back
                written.add(new OutboxRelay.Written(stored.document().id(), List.of(stored.event()),
                        stored.context()));
            }
        }
        if (!written.isEmpty()) {
            relay.relayWrittenAsync(ReleaseDocument.COLLECTION, written);
        }
        for (int i = 0; i < batch.size(); i++) {
            Insert insert = batch.get(i);
            BulkWriteError error = errors.get(i);
            if (error == null) {
                insert.done().complete(true);
            } else if (BulkInserts.isDuplicateKey(error) && insert.document().idempotencyKey() != null) {
                insert.done().complete(false);
            } else if (BulkInserts.isDuplicateKey(error)) {
                insert.done().completeExceptionally(new DuplicateKeyException(error.getMessage()));
            } else {
                insert.done().completeExceptionally(new DataIntegrityViolationException(error.getMessage()));
            }
        }
    }

    @Override
    public void destroy() {
        batches.close();
    }

    /** A release handed over by a request, with the context of that request and its answer. */
    record Insert(ReleaseDocument document, PendingEvent event, ContextSnapshot context,
                  CompletableFuture<Boolean> done) implements CommitBatches.Request<Boolean> {
    }
}
