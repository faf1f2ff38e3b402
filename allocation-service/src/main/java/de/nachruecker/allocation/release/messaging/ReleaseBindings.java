package de.nachruecker.allocation.release.messaging;

import de.nachruecker.allocation.release.application.ReleasingDoses;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.support.messaging.RecordBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

@Configuration
public class ReleaseBindings {

    /**
     * A poll at a time (batch mode, see application.yml): the new releases of a poll get their first waves together,
     * a few database round trips for all of them instead of some per release. A malformed record goes to the dead
     * letters on its own; a batch whose store does not answer is tried again whole (every step is idempotent: a
     * release stored before gets its next wave, a correction is applied once, a withdrawal again changes nothing).
     */
    @Bean
    Consumer<Message<List<byte[]>>> doseReleases(RecordBatches batches, ReleasingDoses releasing) {
        return batch -> {
            long received = System.nanoTime();
            List<ReleasingDoses.Received> events = batches.received(batch, ReleaseEvent.class).stream()
                    .map(each -> new ReleasingDoses.Received(each.event(), each.correlationId())).toList();
            batches.storeRetrying(events.size() + " release events", () -> releasing.handleAll(events, received));
        };
    }
}
