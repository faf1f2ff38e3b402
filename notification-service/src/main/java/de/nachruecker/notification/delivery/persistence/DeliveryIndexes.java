package de.nachruecker.notification.delivery.persistence;

import org.bson.Document;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The workers look for due deliveries by state, priority and time; everything else is read by _id. The index "due"
 * of earlier versions (state, time) is replaced.
 */
@Component
class DeliveryIndexes implements ApplicationRunner {

    private static final String PREVIOUS = "due";

    private final MongoTemplate mongo;

    DeliveryIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        IndexOperations indexes = mongo.indexOps(DeliveryDocument.COLLECTION);
        if (indexes.getIndexInfo().stream().anyMatch(index -> PREVIOUS.equals(index.getName()))) {
            indexes.dropIndex(PREVIOUS);
        }
        indexes.createIndex(new CompoundIndexDefinition(new Document("state", 1).append("priority", 1)
                .append("nextAttemptAt", 1)).named("due-by-priority"));
    }
}
