package de.nachruecker.notification.contact.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.notification.contact.application.KeepingContacts;
import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.support.personaldata.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/** Consumes the compacted {@code candidate-contacts} topic. */
@Configuration(proxyBeanMethods = false)
class ContactMessaging {

    private static final Logger log = LoggerFactory.getLogger(ContactMessaging.class);

    /**
     * Name, phone and email arrive sealed with the person's data key. A record whose key is gone belongs to an erased
     * person and counts as gone (as if compaction had removed it already): skipped, without a dead letter.
     */
    @Bean
    Consumer<Message<byte[]>> candidateContacts(KeepingContacts keeping, EventCodec codec, PersonalData personalData) {
        return message -> {
            // a tombstone arrives as KafkaNull despite the declared byte[] payload
            Object payload = ((Message<?>) message).getPayload();
            if (payload == null || payload instanceof KafkaNull) {
                String candidateId = keyOf(message);
                if (Topics.COMPACTION_NUDGE_KEY.equals(candidateId)) {
                    return;
                }
                keeping.erase(candidateId);
                personalData.forget(candidateId);
                return;
            }
            CandidateContactChanged changed = codec.decode((byte[]) payload, CandidateContactChanged.class);
            Optional<CandidateContactChanged.Details> details = personalData.open(changed.candidateId(),
                    CandidateContactChanged.TYPE, changed.contact(), CandidateContactChanged.Details.class);
            if (details.isEmpty()) {
                log.debug("candidate {} is erased (no data key); contact {} skipped", changed.candidateId(),
                        changed.eventId());
                return;
            }
            keeping.remember(Contact.of(changed.candidateId(), details.get().name(), details.get().phone(),
                    details.get().email(), changed.language(), changed.phoneKindOrMobile()));
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
