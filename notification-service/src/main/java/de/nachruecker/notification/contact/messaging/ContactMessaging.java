package de.nachruecker.notification.contact.messaging;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.notification.contact.application.KeepingContacts;
import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.support.messaging.RecordBatches;
import de.nachruecker.support.personaldata.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Consumes the compacted {@code candidate-contacts} topic a poll at a time (batch mode, see application.yml): the
 * poll's data keys in one read and its contacts in one write, instead of both per record — during a registration
 * wave or the seeding of a pool they were two round trips per person.
 */
@Configuration(proxyBeanMethods = false)
class ContactMessaging {

    private static final Logger log = LoggerFactory.getLogger(ContactMessaging.class);

    /**
     * Name, phone and email arrive sealed with the person's data key. A record whose key is gone belongs to an erased
     * person and counts as gone (as if compaction had removed it already): skipped, without a dead letter. The
     * erasures of the poll come after its contacts: on a key a tombstone follows the person's last contact, so an
     * erased person stays erased.
     */
    @Bean
    Consumer<Message<List<byte[]>>> candidateContacts(RecordBatches batches, KeepingContacts keeping,
                                                      PersonalData personalData) {
        return batch -> {
            List<String> erased = new ArrayList<>();
            List<CandidateContactChanged> changes = batches.decode(batch, CandidateContactChanged.class,
                    erased::add, true);
            batches.storeRetrying("the data keys of " + changes.size() + " contacts", () -> personalData.prefetch(
                    changes.stream().map(CandidateContactChanged::candidateId).toList()));
            List<Contact> contacts = new ArrayList<>(changes.size());
            for (CandidateContactChanged changed : changes) {
                Optional<CandidateContactChanged.Details> details = personalData.open(changed.candidateId(),
                        CandidateContactChanged.TYPE, changed.contact(), CandidateContactChanged.Details.class);
                if (details.isEmpty()) {
                    log.debug("candidate {} is erased (no data key); contact {} skipped", changed.candidateId(),
                            changed.eventId());
                    continue;
                }
                contacts.add(Contact.of(changed.candidateId(), details.get().name(), details.get().phone(),
                        details.get().email(), changed.language(), changed.phoneKindOrMobile()));
            }
            batches.storeRetrying(contacts.size() + " contacts", () -> keeping.rememberAll(contacts));
            for (String candidateId : erased) {
                if (!Topics.COMPACTION_NUDGE_KEY.equals(candidateId)) {
                    batches.storeRetrying("the erasure of a contact", () -> keeping.erase(candidateId));
                    personalData.forget(candidateId);
                }
            }
        };
    }
}
