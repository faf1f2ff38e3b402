package de.nachruecker.notification.delivery.persistence;

import org.bson.Document;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.stereotype.Component;

/** The worker looks for due deliveries by state and time; everything else is read by _id. */
@Component
class DeliveryIndexes implements ApplicationRunner {

    private final MongoTemplate mongo;

    DeliveryIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        mongo.indexOps(DeliveryDocument.COLLECTION).createIndex(
                new CompoundIndexDefinition(new Document("state", 1).append("nextAttemptAt", 1)).named("due"));
    }
}
