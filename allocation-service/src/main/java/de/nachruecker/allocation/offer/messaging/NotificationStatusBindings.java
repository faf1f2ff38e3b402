package de.nachruecker.allocation.offer.messaging;

import de.nachruecker.allocation.offer.application.TrackingOfferDelivery;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.support.messaging.RecordBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * What became of the messages ({@code notification-status}), bound as {@code notificationOutcomes-in-0}: a poll at a
 * time (batch mode, see application.yml), so that under load a poll's deliveries cost one read and one bulk write.
 */
@Configuration
public class NotificationStatusBindings {

    /** Not named like the topic: a bean named like a destination would shadow it for StreamBridge. */
    @Bean
    Consumer<Message<List<byte[]>>> notificationOutcomes(RecordBatches batches, TrackingOfferDelivery tracking) {
        return batch -> {
            List<NotificationStatusEvent> reports = batches.decode(batch, NotificationStatusEvent.class);
            batches.storeRetrying(reports.size() + " notification reports", () -> tracking.trackAll(reports));
        };
    }
}
