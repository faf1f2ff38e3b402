package de.nachruecker.notification.contact.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.notification.contact.application.KeepingContacts;
import de.nachruecker.notification.contact.model.Contact;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Consumes the compacted {@code candidate-contacts} topic. */
@Configuration(proxyBeanMethods = false)
class ContactMessaging {

    @Bean
    Consumer<Message<byte[]>> candidateContacts(KeepingContacts keeping, EventCodec codec) {
        return message -> {
            // a tombstone arrives as KafkaNull despite the declared byte[] payload
            Object payload = ((Message<?>) message).getPayload();
            if (payload == null || payload instanceof KafkaNull) {
                keeping.erase(keyOf(message));
                return;
            }
            CandidateContactChanged changed = codec.decode((byte[]) payload, CandidateContactChanged.class);
            keeping.remember(Contact.of(changed.candidateId(), changed.name(), changed.phone(), changed.email(),
                    changed.language(), changed.phoneKindOrMobile()));
        };
    }

    private static String keyOf(Message<?> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key instanceof byte[]) {
            return new String((byte[]) key, StandardCharsets.UTF_8);
        }
        if (key instanceof String) {
            return (String) key;
        }
        throw new EventCodec.MalformedEventException("tombstone without a candidate id key");
    }
}
