package de.nachruecker.notification.contact.application;

import de.nachruecker.notification.contact.model.Contact;

import java.util.Optional;

/** Where contacts are kept. An erased contact is found as {@link Contact#erased()}; an unknown one not at all. */
public interface Contacts {

    Optional<Contact> find(String candidateId);

    /** Replaces whatever is kept for the contact's candidate, including an earlier erasure. */
    void save(Contact contact);
}
