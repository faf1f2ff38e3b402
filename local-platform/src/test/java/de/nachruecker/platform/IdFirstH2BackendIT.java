package de.nachruecker.platform;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's database answers filters on {@code _id} plus conditions from the {@code _id} index: the conditions
 * still decide, over the real driver and wire protocol, for reads, conditional updates and find-and-modify.
 */
class IdFirstH2BackendIT {

    @TempDir
    Path dataDir;
    private FileBackedMongo mongo;
    private MongoClient client;
    private MongoCollection<Document> releases;

    @BeforeEach
    void start() throws Exception {
        mongo = new FileBackedMongo(dataDir, Ports.free());
        mongo.start();
        client = MongoClients.create(mongo.uri("planner-test"));
        releases = client.getDatabase("planner-test").getCollection("releases");
        releases.insertMany(List.of(
                new Document("_id", "r-1").append("status", "OPEN").append("dosesLeft", 2)
                        .append("granted", List.of("o-1")),
                new Document("_id", "r-2").append("status", "OPEN").append("dosesLeft", 0)
                        .append("granted", List.of()),
                new Document("_id", "r-3").append("status", "FILLED").append("dosesLeft", 0)
                        .append("granted", List.of("o-2"))));
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    /** Filters as Spring Data sends them: one document, {@code _id} beside the conditions (not under {@code $and}). */
    private static Document byId(String id) {
        return new Document("_id", id);
    }

    private static Document gt(int value) {
        return new Document("$gt", value);
    }

    private static Document ne(String value) {
        return new Document("$ne", value);
    }

    @Test
    void aConditionalUpdateOnIdChangesTheDocumentOnlyWhenEveryConditionHolds() {
        Bson grant = Updates.combine(Updates.inc("dosesLeft", -1), Updates.push("granted", "o-9"));

        assertThat(releases.updateOne(byId("r-1").append("status", "FILLED").append("dosesLeft", gt(0)), grant).getMatchedCount()).as("status differs").isZero();
        assertThat(releases.updateOne(byId("r-1").append("granted", ne("o-1")), grant).getMatchedCount()).as("already granted").isZero();
        assertThat(releases.updateOne(byId("r-2").append("dosesLeft", gt(0)), grant).getMatchedCount()).as("no dose left").isZero();
        assertThat(releases.updateOne(byId("r-1").append("status", "OPEN")
                .append("dosesLeft", gt(0)).append("granted", ne("o-9")), grant).getModifiedCount()).isOne();

        Document r1 = releases.find(Filters.eq("_id", "r-1")).first();
        assertThat(r1).isNotNull();
        assertThat(r1.getInteger("dosesLeft")).isEqualTo(1);
        assertThat(r1.getList("granted", String.class)).containsExactly("o-1", "o-9");
        Document r2 = releases.find(Filters.eq("_id", "r-2")).first();
        assertThat(r2).isNotNull();
        assertThat(r2.getInteger("dosesLeft")).isZero();
    }

    @Test
    void findAndModifyOnIdWithAConditionHasOneWinner() {
        Bson filter = byId("r-2").append("status", "OPEN");
        FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

        Document first = releases.findOneAndUpdate(filter, Updates.set("status", "WITHDRAWN"), after);
        Document second = releases.findOneAndUpdate(filter, Updates.set("status", "WITHDRAWN"), after);

        assertThat(first).isNotNull();
        assertThat(first.getString("status")).isEqualTo("WITHDRAWN");
        assertThat(second).isNull();
    }

    @Test
    void readsByIdListAndConditionReturnExactlyTheMatchingDocuments() {
        List<String> open = new ArrayList<>();
        releases.find(new Document("_id", new Document("$in", List.of("r-1", "r-2", "r-3", "r-404")))
                .append("status", "OPEN"))
                .forEach(document -> open.add(document.getString("_id")));

        assertThat(open).containsExactlyInAnyOrder("r-1", "r-2");
        assertThat(releases.countDocuments(byId("r-3").append("status", "OPEN")))
                .isZero();
        assertThat(releases.countDocuments(byId("r-3").append("status", "FILLED")))
                .isOne();
        assertThat(releases.deleteOne(byId("r-3").append("status", "OPEN"))
                .getDeletedCount()).isZero();
    }

    /** A list of ids is answered from the index alone (not matched again): each listed document once, no other. */
    @Test
    void aListOfIdsFindsEachListedDocumentOnceAndTheRestOfTheFilterStillDecides() {
        Document listed = new Document("$in", List.of("r-2", "r-404", "r-1", "r-2"));

        List<String> found = new ArrayList<>();
        releases.find(new Document("_id", listed)).forEach(document -> found.add(document.getString("_id")));
        assertThat(found).containsExactlyInAnyOrder("r-1", "r-2");
        assertThat(releases.countDocuments(new Document("_id", listed).append("dosesLeft", gt(0)))).isOne();
        assertThat(releases.updateMany(new Document("_id", listed).append("status", "OPEN"),
                Updates.set("status", "CLOSED")).getModifiedCount()).isEqualTo(2);
        assertThat(releases.countDocuments(new Document("status", "CLOSED"))).isEqualTo(2);
        assertThat(releases.deleteMany(new Document("_id", new Document("$in", List.of("r-3", "r-1")))
                .append("status", "FILLED")).getDeletedCount()).isOne();
        assertThat(releases.countDocuments()).isEqualTo(2);
    }

    /** Which listed ids exist (allocation's offers.existing) is answered from the index, no document decoded. */
    @Test
    void aListOfIdsProjectedOnIdAloneIsAnsweredFromTheIndex() {
        Document listed = new Document("_id", new Document("$in", List.of("r-3", "r-404", "r-1", "r-3")));
        Document idOnly = new Document("_id", 1);
        long before = IdFirstH2Backend.IDS_WITHOUT_DOCUMENTS.sum();

        assertThat(ids(releases.find(listed).projection(idOnly))).containsExactlyInAnyOrder("r-1", "r-3");
        assertThat(IdFirstH2Backend.IDS_WITHOUT_DOCUMENTS.sum()).isEqualTo(before + 1);
        assertThat(releases.find(listed).projection(idOnly).first()).containsOnlyKeys("_id");
        assertThat(ids(releases.find(listed).projection(idOnly).skip(1).limit(1))).hasSize(1);
        assertThat(ids(releases.find(listed).projection(idOnly).skip(2))).isEmpty();

        // numeric ids keep their stored type (read from the document)
        MongoCollection<Document> numbered = client.getDatabase("planner-test").getCollection("numbered");
        numbered.insertMany(List.of(new Document("_id", 7L), new Document("_id", 8), new Document("_id", 9.5)));
        List<Object> numbers = ids(numbered.find(new Document("_id", new Document("$in", List.of(7, 8L, 9.5, 10))))
                .projection(idOnly));
        assertThat(numbers).containsExactlyInAnyOrder(7L, 8, 9.5);

        // anything more than the ids keeps the stock path
        long stock = IdFirstH2Backend.IDS_WITHOUT_DOCUMENTS.sum();
        assertThat(ids(releases.find(new Document(listed).append("status", "OPEN")).projection(idOnly)))
                .containsExactly("r-1");
        assertThat(releases.find(listed).projection(new Document("_id", 1).append("status", 1)).first())
                .containsOnlyKeys("_id", "status");
        assertThat(IdFirstH2Backend.IDS_WITHOUT_DOCUMENTS.sum()).isEqualTo(stock);
    }

    private static List<Object> ids(com.mongodb.client.FindIterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }

    /** Thousands of ids in one filter, as the sweeps send them: every one found, none twice. */
    @Test
    void aLongListOfIdsFindsEveryListedDocument() {
        List<Document> many = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add(new Document("_id", "o-" + i).append("status", i % 2 == 0 ? "MADE" : "DECLINED"));
            ids.add("o-" + i);
        }
        MongoCollection<Document> offers = client.getDatabase("planner-test").getCollection("offers");
        offers.insertMany(many);
        ids.add("o-missing");

        assertThat(offers.countDocuments(new Document("_id", new Document("$in", ids)))).isEqualTo(5_000);
        assertThat(offers.countDocuments(new Document("_id", new Document("$in", ids)).append("status", "MADE")))
                .isEqualTo(2_500);
    }

    @Test
    void onlyAPlainListOfIdsIsTakenFromTheIndexAlone() {
        de.bwaldvogel.mongo.bson.Document ids = new de.bwaldvogel.mongo.bson.Document("$in", List.of("a", 1));
        assertThat(IdFirstH2Backend.idsListed(new de.bwaldvogel.mongo.bson.Document("_id", ids).append("x", 1)))
                .isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", ids));
        assertThat(IdFirstH2Backend.idsListed(new de.bwaldvogel.mongo.bson.Document("_id", "a"))).isNull();
        assertThat(IdFirstH2Backend.idsListed(new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", java.util.Arrays.asList("a", null))))).isNull();
        assertThat(IdFirstH2Backend.idsListed(new de.bwaldvogel.mongo.bson.Document("_id",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("a")).append("$ne", "b")))).isNull();
        assertThat(IdFirstH2Backend.idsListed(new de.bwaldvogel.mongo.bson.Document("x",
                new de.bwaldvogel.mongo.bson.Document("$in", List.of("a"))))).isNull();
    }

    @Test
    void aStoreWrittenByTheStockBackendOpensWithItsDataAndIndexes() throws Exception {
        client.close();
        mongo.close();
        Path stockDir = dataDir.resolve("stock");
        Files.createDirectories(stockDir);
        MVStore store = new MVStore.Builder().fileName(stockDir.resolve("mongo.mv").toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(store));
        int port = Ports.free();
        stock.bind("127.0.0.1", port);
        try (MongoClient stockClient = MongoClients.create(FileBackedMongo.uri(port, "planner-test"))) {
            MongoCollection<Document> offers = stockClient.getDatabase("planner-test").getCollection("offers");
            offers.createIndex(new Document("tokenHash", 1), new IndexOptions().unique(true));
            offers.insertOne(new Document("_id", "o-1").append("status", "MADE").append("tokenHash", "t-1"));
        }
        stock.shutdown();

        mongo = new FileBackedMongo(stockDir, Ports.free());
        mongo.start();
        client = MongoClients.create(mongo.uri("planner-test"));
        MongoCollection<Document> offers = client.getDatabase("planner-test").getCollection("offers");

        assertThat(offers.countDocuments(byId("o-1").append("status", "MADE")))
                .isOne();
        assertThat(offers.find(Filters.eq("tokenHash", "t-1")).first()).isNotNull();
        assertThatThrownBy(() -> offers.insertOne(new Document("_id", "o-2").append("tokenHash", "t-1")))
                .as("the unique index survived the reopen").isInstanceOf(MongoWriteException.class);
    }
}
