package de.nachruecker.faulttest;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.TopicDefinition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/** Puts events on the platform's topics the way the services' publisher does: JSON, key, event-id/-type headers. */
final class EventWriter implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<?>> inFlight = new ArrayList<>();

    EventWriter(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    void write(TopicDefinition topic, String key, DomainEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), key, codec.encode(event));
        record.headers().add("event-id", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", codec.typeOf(event).getBytes(StandardCharsets.UTF_8));
        inFlight.add(producer.send(record));
    }

    /** Waits until the brokers acknowledged everything written so far (acks=all). */
    void flush() throws ExecutionException, InterruptedException {
        producer.flush();
        for (Future<?> sent : inFlight) {
            sent.get();
        }
        inFlight.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
