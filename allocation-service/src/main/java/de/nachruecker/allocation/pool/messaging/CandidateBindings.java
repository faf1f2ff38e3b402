package de.nachruecker.allocation.pool.messaging;

import de.nachruecker.allocation.pool.application.KeepingCandidatePool;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.candidate.CandidateEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

@Configuration
public class CandidateBindings {

    /** Grouped: each event is written to MongoDB by one instance. */
    @Bean
    Consumer<Message<byte[]>> candidateEvents(EventCodec codec, KeepingCandidatePool pool) {
        return message -> {
            if (!isTombstone(message)) {
                pool.apply(codec.decode(message.getPayload(), CandidateEvent.class));
            }
        };
    }

    /** Anonymous (no group): every instance sees every partition and keeps its whole index current. */
    @Bean
    Consumer<Message<byte[]>> candidatePoolFeed(EventCodec codec, KeepingCandidatePool pool) {
        return message -> {
            if (!isTombstone(message)) {
                pool.follow(codec.decode(message.getPayload(), CandidateEvent.class));
            }
        };
    }

    /**
     * The tombstone that follows a withdrawal only erases the profile from the compacted topic; the withdrawal before
     * it already took the candidate out. It arrives as KafkaNull despite the declared byte[] payload.
     */
    private static boolean isTombstone(Message<?> message) {
        Object payload = message.getPayload();
        return payload == null || payload instanceof KafkaNull;
    }
}
