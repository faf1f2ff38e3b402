package de.nachruecker.registration.offer.messaging;

import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.registration.offer.application.RecordingOffers;
import de.nachruecker.support.messaging.RecordBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * The offer lifecycle from the allocation service ({@code offers} topic), bound as {@code offerEvents-in-0}: a poll
 * at a time, so that under load many new offers cost one write (batch mode, see application.yml).
 */
@Configuration
public class OfferEventBindings {

    @Bean
    Consumer<Message<List<byte[]>>> offerEvents(RecordBatches batches, RecordingOffers recording) {
        return batch -> {
            List<OfferEvent> events = batches.decode(batch, OfferEvent.class);
            batches.storeRetrying(events.size() + " offer events", () -> recording.onAll(events));
        };
    }
}
