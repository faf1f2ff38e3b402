package de.nachruecker.notification.contact.application;

import de.nachruecker.notification.contact.model.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Mirrors the compacted contact topic: the latest contact per candidate, and erasure on a tombstone. Both writes
 * replace the whole document, so redeliveries are harmless.
 */
@Service
public class KeepingContacts {

    private static final Logger log = LoggerFactory.getLogger(KeepingContacts.class);

    private final Contacts contacts;
    private final List<ContactErasureListener> erasureListeners;

    public KeepingContacts(Contacts contacts, List<ContactErasureListener> erasureListeners) {
        this.contacts = contacts;
        this.erasureListeners = List.copyOf(erasureListeners);
    }

    /** A poll's contacts in one write, in their order: the latest of a candidate wins. */
    public void rememberAll(List<Contact> batch) {
        if (batch.isEmpty()) {
            return;
        }
        contacts.saveAll(batch);
        log.debug("{} contacts kept", batch.size());
    }

    public void erase(String candidateId) {
        contacts.save(Contact.erased(candidateId));
        erasureListeners.forEach(listener -> listener.contactErased(candidateId));
        log.info("contact of candidate {} erased", candidateId);
    }
}
