package de.nachruecker.notification.contact.persistence;

import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.contact.model.Contact;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        return Optional.ofNullable(mongo.findById(candidateId, ContactDocument.class)).map(MongoContacts::toContact);
    }

    @Override
    public Map<String, Contact> findAll(Collection<String> candidateIds) {
        Map<String, Contact> found = new HashMap<>();
        if (!candidateIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(candidateIds)), ContactDocument.class)
                    .forEach(d -> found.put(d.candidateId(), toContact(d)));
        }
        return found;
    }

    private static Contact toContact(ContactDocument d) {
        return new Contact(d.candidateId(), d.name(), d.phone(), d.email(), d.language(), d.erased(), d.phoneKind());
    }

    @Override
    public void save(Contact c) {
        // save() replaces the whole document by _id: an erasure leaves no personal field behind
        mongo.save(document(c));
    }

    /** Ordered replacements: a candidate whose contact changed twice in the batch ends with the later one. */
    @Override
    public void saveAll(List<Contact> contacts) {
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, ContactDocument.class);
        contacts.forEach(c -> writes.replaceOne(Query.query(Criteria.where("_id").is(c.candidateId())), document(c),
                FindAndReplaceOptions.options().upsert()));
        writes.execute();
    }

    private ContactDocument document(Contact c) {
        return new ContactDocument(c.candidateId(), c.name(), c.phone(), c.email(), c.language(), c.erased(),
                clock.instant(), c.erased() ? null : c.phoneKind());
    }
}
