package de.nachruecker.notification.delivery.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.application.AcceptingNotificationRequests;
import de.nachruecker.support.messaging.EventPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Consumes {@code notification-requests} a poll at a time (batch mode with native decoding, see application.yml: the
 * records arrive as the broker has them and are decoded here one by one; with the binder's message conversion a batch
 * of byte arrays arrived empty): the requests of one poll are stored with one bulk insert
 * ({@link AcceptingNotificationRequests#acceptAll}).
 *
 * <p>The binder, in batch mode, neither retries nor dead-letters single records: a batch that throws goes to the dead
 * letters whole, good requests with it. So a record that does not decode is sent to
 * {@code notification-requests.dead-letters} here (named and counted by the platform's {@link DlqDestinationResolver},
 * as the binder would) and the others are accepted; a store that does not answer is tried again
 * ({@value #ATTEMPTS} attempts, as the binder's retries per record) before the batch is given up to the dead letters
 * (each insert is idempotent, so a batch replayed from there stores nothing twice).
 */
@Configuration(proxyBeanMethods = false)
class NotificationRequestMessaging {

    private static final Logger log = LoggerFactory.getLogger(NotificationRequestMessaging.class);
    static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(20);

    @Bean
    Consumer<Message<List<byte[]>>> notificationRequests(AcceptingNotificationRequests accepting, EventCodec codec,
                                                         EventPublisher publisher,
                                                         DlqDestinationResolver deadLetters) {
        return batch -> {
            List<byte[]> payloads = batch.getPayload();
            List<NotificationRequested> requests = new ArrayList<>(payloads.size());
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    requests.add(codec.decode(payloads.get(i), NotificationRequested.class));
                } catch (RuntimeException malformed) {
                    deadLetter(batch, i, malformed, publisher, deadLetters);
                }
            }
            acceptRetrying(accepting, requests);
        };
    }

    private static void acceptRetrying(AcceptingNotificationRequests accepting, List<NotificationRequested> requests) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                accepting.acceptAll(requests);
                return;
            } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                log.warn("{} notification requests not stored (attempt {} of {}), trying again in {}: {}",
                        requests.size(), attempt, ATTEMPTS, backoff, e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis()); // the binder's retries wait the same way
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /** Sends one record of the batch, as it came, to its dead letters and waits until the broker has it. */
    private static void deadLetter(Message<List<byte[]>> batch, int index, RuntimeException malformed,
                                   EventPublisher publisher, DlqDestinationResolver deadLetters) {
        String topic = String.valueOf(header(batch, KafkaHeaders.RECEIVED_TOPIC, index));
        Object partition = header(batch, KafkaHeaders.RECEIVED_PARTITION, index);
        Object offset = header(batch, KafkaHeaders.OFFSET, index);
        String key = text(header(batch, KafkaHeaders.RECEIVED_KEY, index));
        byte[] payload = batch.getPayload().get(index);
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic,
                partition instanceof Number p ? p.intValue() : 0, offset instanceof Number o ? o.longValue() : -1,
                key, payload);
        String target = deadLetters.apply(record, malformed);
        log.warn("a record on {} (partition {}, offset {}) does not decode, sent to {}: {}", topic, partition, offset,
                target, malformed.getMessage());
        try {
            publisher.sendAsync(target, key == null ? "" : key, null, null, payload, null)
                    .get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the batch then goes to the dead letters whole (binder), this record with it
            throw new IllegalStateException("a malformed record could not be dead-lettered", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a malformed record", e);
        }
    }

    /** The value of a batch header for one record: in batch mode each header is a list, one entry per record. */
    private static Object header(Message<List<byte[]>> batch, String name, int index) {
        Object values = batch.getHeaders().get(name);
        return values instanceof List<?> list && index < list.size() ? list.get(index) : null;
    }

    private static String text(Object key) {
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? null : key.toString();
    }
}
