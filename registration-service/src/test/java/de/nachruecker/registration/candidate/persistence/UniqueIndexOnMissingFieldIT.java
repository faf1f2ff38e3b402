package de.nachruecker.registration.candidate.persistence;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.nachruecker.support.testing.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Why withdrawn registrations get a placeholder in their unique keys instead of losing the field: the embedded
 * MongoDB-protocol server, like MongoDB itself, indexes a missing field as {@code null}, so a second document without
 * it collides with the first.
 */
class UniqueIndexOnMissingFieldIT {

    private static MongoClient client;
    private static MongoCollection<Document> collection;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri("unique-index-it"));
        collection = client.getDatabase("unique-index-it").getCollection("things");
        collection.drop();
        collection.createIndex(Indexes.ascending("phoneKey"), new IndexOptions().unique(true));
    }

    @AfterAll
    static void close() {
        collection.drop();
        client.close();
    }

    @Test
    void twoDocumentsWithoutTheUniqueFieldCollide() {
        collection.insertOne(new Document("_id", "a"));
        assertThatThrownBy(() -> collection.insertOne(new Document("_id", "b")))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("E11000");
    }

    @Test
    void distinctPlaceholdersDoNotCollide() {
        collection.insertOne(new Document("_id", "c").append("phoneKey", "withdrawn:c"));
        assertThatCode(() -> collection.insertOne(new Document("_id", "d").append("phoneKey", "withdrawn:d")))
                .doesNotThrowAnyException();
    }
}
