package de.nachruecker.notification.contact.persistence;

import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.contact.model.Contact;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.util.Optional;

@Repository
class MongoContacts implements Contacts {

    private final MongoTemplate mongo;
    private final Clock clock;

    MongoContacts(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Optional<Contact> find(String candidateId) {
        return Optional.ofNullable(mongo.findById(candidateId, ContactDocument.class))
                .map(d -> new Contact(d.candidateId(), d.name(), d.phone(), d.email(), d.language(), d.erased(),
                        d.phoneKind()));
    }

    @Override
    public void save(Contact c) {
        // save() replaces the whole document by _id: an erasure leaves no personal field behind
        mongo.save(new ContactDocument(c.candidateId(), c.name(), c.phone(), c.email(), c.language(), c.erased(),
                clock.instant(), c.erased() ? null : c.phoneKind()));
    }
}
