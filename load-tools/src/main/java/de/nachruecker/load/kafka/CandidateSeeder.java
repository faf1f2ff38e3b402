package de.nachruecker.load.kafka;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.load.pool.SeededCandidate;
import de.nachruecker.support.personaldata.DataKey;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts verified candidates into the pool without the REST intake: for each, the {@code CandidateRegistered.v2}
 * (verified) that registration-service would publish on {@code candidates} and the {@code CandidateContactChanged.v2}
 * on {@code candidate-contacts}, encoded with the platform's {@link EventCodec}, the personal fields sealed with a data
 * key the seeder puts into the platform's key vault as registration-service would. Waits until allocation-service and
 * notification-service have consumed them.
 */
public final class CandidateSeeder {

    private final String bootstrapServers;
    private final String mongoUri;
    private static final int KEY_BATCH = 1_000;

    private final EventCodec codec = new EventCodec();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** @param mongoUri the platform's database server, whose key vault gets each candidate's data key */
    public CandidateSeeder(String bootstrapServers, String mongoUri) {
        this.bootstrapServers = bootstrapServers;
        this.mongoUri = mongoUri;
    }

    /** @return how long until both services had consumed every event */
    public Duration seed(List<SeededCandidate> candidates, Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant now = Instant.now();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers));
             PersonalDataKeys keys = PersonalDataKeys.connect(mongoUri, PersonalDataKeys.DEFAULT_DATABASE, null)) {
            // keys stored unwrapped (the tools know no master key); the services read both kinds. Created a
            // thousand at a time and sealed with the key in hand: one round trip per candidate made the tool, not
            // the platform, the bottleneck of seeding (124 candidates/s)
            PersonalData personalData = new PersonalData(keys, new PersonalDataCipher(), 1);
            for (int from = 0; from < candidates.size(); from += KEY_BATCH) {
                List<SeededCandidate> batch = candidates.subList(from, Math.min(candidates.size(), from + KEY_BATCH));
                Map<String, DataKey> created = keys.createAll(batch.stream().map(SeededCandidate::id).toList());
                for (SeededCandidate candidate : batch) {
                    PersonalData.Sealing sealing = personalData.sealing(candidate.id(), created.get(candidate.id()));
                    send(producer, Topics.CANDIDATES.name(), candidate.registered(now, sealing));
                    send(producer, Topics.CANDIDATE_CONTACTS.name(), candidate.contact(now, sealing));
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("seeding failed", failure.get());
        }
        try (ConsumerGroupLag lag = new ConsumerGroupLag(bootstrapServers)) {
            lag.awaitCaughtUp("allocation-service", Topics.CANDIDATES.name(), timeout);
            lag.awaitCaughtUp("notification-service", Topics.CANDIDATE_CONTACTS.name(), timeout);
        }
        return Duration.between(start, Instant.now());
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, DomainEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.partitionKey(), codec.encode(event));
        record.headers().add("event-id", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", codec.typeOf(event).getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }
}
