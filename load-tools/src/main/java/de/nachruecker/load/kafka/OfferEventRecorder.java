package de.nachruecker.load.kafka;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.load.Threads;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads every event on {@code offers} from the beginning, in the background, as the allocation service decided. */
public final class OfferEventRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final List<OfferEvent> events = new ArrayList<>();
    private final Thread reader;

    public OfferEventRecorder(String bootstrapServers) {
        consumer = new KafkaConsumer<>(KafkaClients.reader(bootstrapServers));
        String topic = Topics.OFFERS.name();
        consumer.assign(consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList());
        reader = new Thread(this::read, "offer-event-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    OfferEvent event = codec.decode(record.value(), OfferEvent.class);
                    synchronized (events) {
                        events.add(event);
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() ends the loop
        } finally {
            consumer.close();
        }
    }

    /** What was read so far, in the order read (per release, the order the allocation service wrote). */
    public List<OfferEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        Threads.awaitEnd(reader, Duration.ofSeconds(10));
    }
}
