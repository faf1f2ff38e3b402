package de.nachruecker.slot.testing;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferMade;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Plays the allocation service: sends offer events onto {@code offers}, keyed by release id like it does. */
public final class OfferEventSender implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final EventCodec codec;

    public OfferEventSender(EmbeddedKafkaBroker broker, EventCodec codec) {
        this.producer = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new ByteArraySerializer()).createProducer();
        this.codec = codec;
    }

    public OfferEvent send(OfferEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.OFFERS.name(), event.releaseId(), codec.encode(event))).get();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("offer event not sent", e);
        }
    }

    public static OfferMade made(String releaseId, String offerId, String candidateId) {
        Instant now = Instant.now();
        return new OfferMade(UUID.randomUUID(), now, releaseId, offerId, candidateId, "korbach", "COMIRNATY", 1, 1,
                1, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)), now.plus(Duration.ofMinutes(15)),
                "hash-" + offerId);
    }

    public static OfferConfirmed confirmed(String releaseId, String offerId, String candidateId) {
        Instant now = Instant.now();
        return new OfferConfirmed(UUID.randomUUID(), now, releaseId, offerId, candidateId, "korbach",
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)), AppointmentReference.of(offerId));
    }

    @Override
    public void close() {
        producer.close();
    }
}
