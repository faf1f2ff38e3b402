package de.nachruecker.allocation.pool.messaging;

import de.nachruecker.allocation.pool.application.KeepingCandidatePool;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.support.messaging.RecordBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The candidates topic. The tombstone that follows a withdrawal only erases the profile from the compacted topic and
 * the person's key from the cache: the withdrawal before it already took the candidate out.
 */
@Configuration
public class CandidateBindings {

    /**
     * Grouped: each event is written to MongoDB by one instance, a poll at a time (batch mode, see application.yml),
     * so that a stream of registrations costs a few writes per poll instead of some per registration.
     */
    @Bean
    Consumer<Message<List<byte[]>>> candidateEvents(RecordBatches batches, KeepingCandidatePool pool) {
        return batch -> {
            List<String> tombstones = new ArrayList<>();
            List<CandidateEvent> events = batches.decode(batch, CandidateEvent.class, tombstones::add, true);
            batches.storeRetrying(events.size() + " candidate events", () -> pool.applyAll(events));
            tombstones.forEach(pool::forget);
        };
    }

    /** Anonymous (no group): every instance sees every partition and keeps its whole index current. */
    @Bean
    Consumer<Message<List<byte[]>>> candidatePoolFeed(RecordBatches batches, KeepingCandidatePool pool) {
        return batch -> {
            List<String> tombstones = new ArrayList<>();
            // no dead letters without a group: the grouped consumer reports a malformed record
            pool.followAll(batches.decode(batch, CandidateEvent.class, tombstones::add, false));
            tombstones.forEach(pool::forget);
        };
    }
}
