package de.nachruecker.allocation.pool.messaging;

import de.nachruecker.allocation.pool.application.KeepingCandidatePool;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.candidate.CandidateEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

@Configuration
public class CandidateBindings {

    /** Grouped: each event is written to MongoDB by one instance. */
    @Bean
    Consumer<Message<byte[]>> candidateEvents(EventCodec codec, KeepingCandidatePool pool) {
        return candidateRecords(codec, pool, pool::apply);
    }

    /** Anonymous (no group): every instance sees every partition and keeps its whole index current. */
    @Bean
    Consumer<Message<byte[]>> candidatePoolFeed(EventCodec codec, KeepingCandidatePool pool) {
        return candidateRecords(codec, pool, pool::follow);
    }

    /** A record of the candidates topic: a tombstone makes the pool forget the key, an event goes to {@code handle}. */
    private static Consumer<Message<byte[]>> candidateRecords(EventCodec codec, KeepingCandidatePool pool,
                                                              Consumer<CandidateEvent> handle) {
        return message -> {
            if (isTombstone(message)) {
                keyOf(message).ifPresent(pool::forget);
            } else {
                handle.accept(codec.decode(message.getPayload(), CandidateEvent.class));
            }
        };
    }

    private static Optional<String> keyOf(Message<?> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return key instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /**
     * The tombstone that follows a withdrawal only erases the profile from the compacted topic (and the person's key
     * from the cache); the withdrawal before it already took the candidate out. It arrives as KafkaNull despite the declared byte[] payload.
     */
    private static boolean isTombstone(Message<?> message) {
        Object payload = message.getPayload();
        return payload == null || payload instanceof KafkaNull;
    }
}
