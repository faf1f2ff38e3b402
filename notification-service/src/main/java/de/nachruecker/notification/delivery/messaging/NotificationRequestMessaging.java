package de.nachruecker.notification.delivery.messaging;

import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.application.AcceptingNotificationRequests;
import de.nachruecker.support.messaging.RecordBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * Consumes {@code notification-requests} a poll at a time (batch mode with native decoding, see application.yml: the
 * records arrive as the broker has them and are decoded here one by one; with the binder's message conversion a batch
 * of byte arrays arrived empty): the requests of one poll are stored with one bulk insert
 * ({@link AcceptingNotificationRequests#acceptAll}). A record that does not decode goes to
 * {@code notification-requests.dead-letters} on its own, and a store that does not answer is tried again before the
 * batch is given up ({@link RecordBatches}); each insert is idempotent, so a batch replayed stores nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class NotificationRequestMessaging {

    @Bean
    Consumer<Message<List<byte[]>>> notificationRequests(AcceptingNotificationRequests accepting,
                                                         RecordBatches batches) {
        return batch -> {
            List<NotificationRequested> requests = batches.decode(batch, NotificationRequested.class);
            batches.storeRetrying(requests.size() + " notification requests", () -> accepting.acceptAll(requests));
        };
    }
}
