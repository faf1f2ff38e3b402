package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's own operation counts, per client and command, read through {@code serverStatus}. */
class OperationCountersIT {

    @TempDir
    Path dataDir;
    private FileBackedMongo mongo;
    private MongoClient slot;

    @BeforeEach
    void start() throws Exception {
        mongo = new FileBackedMongo(dataDir, Ports.free());
        mongo.start();
        // one connection: its shared key-vault commands count for the database it also uses
        slot = MongoClients.create(mongo.uri("slot") + "?maxPoolSize=1");
    }

    @AfterEach
    void stop() {
        slot.close();
        mongo.close();
    }

    @Test
    void countsCommandsAndTheirDocumentsByClientAndCollection() {
        var releases = slot.getDatabase("slot").getCollection("releases");
        releases.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        releases.bulkWrite(List.of(
                new UpdateOneModel<>(Filters.eq("_id", 1), Updates.set("sent", true)),
                new UpdateOneModel<>(Filters.eq("_id", 2), Updates.set("sent", true))));
        releases.find(Filters.eq("_id", 3)).first();
        slot.getDatabase("key-vault").getCollection("keys").insertOne(new Document("_id", "k"));

        Document status = slot.getDatabase("admin").runCommand(new Document("serverStatus", 1));

        Document counts = status.get("opcountersByClient", Document.class).get("slot", Document.class);
        assertThat(counts.get("insert", Document.class)).isEqualTo(
                new Document("commands", 2L).append("documents", 4L));
        assertThat(counts.get("update", Document.class)).isEqualTo(
                new Document("commands", 1L).append("documents", 2L));
        assertThat(counts.get("find", Document.class).getLong("commands")).isEqualTo(1L);
        Document byCollection = status.get("opcountersByCollection", Document.class).get("slot", Document.class);
        assertThat(byCollection.get("releases insert", Document.class)).isEqualTo(
                new Document("commands", 1L).append("documents", 3L));
        assertThat(byCollection.get("releases update", Document.class).getLong("documents")).isEqualTo(2L);
        assertThat(byCollection.get("key-vault.keys insert", Document.class).getLong("commands")).isEqualTo(1L);
        Document opcounters = status.get("opcounters", Document.class);
        assertThat(opcounters.getLong("insert")).isEqualTo(2L);
        assertThat(opcounters.getLong("update")).isEqualTo(1L);
        assertThat(opcounters.getLong("query")).isEqualTo(1L);
    }
}
