package de.nachruecker.notification.contact.application;

import de.nachruecker.notification.contact.model.Contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where contacts are kept. An erased contact is found as {@link Contact#erased()}; an unknown one not at all. */
public interface Contacts {

    Optional<Contact> find(String candidateId);

    /** The known contacts (erased ones included) of these candidates, by candidate id, in one read. */
    Map<String, Contact> findAll(Collection<String> candidateIds);

    /** Replaces whatever is kept for the contact's candidate, including an earlier erasure. */
    void save(Contact contact);

    /** {@link #save} for each, in their order (a later contact of the same candidate wins), in one write. */
    void saveAll(List<Contact> contacts);
}
