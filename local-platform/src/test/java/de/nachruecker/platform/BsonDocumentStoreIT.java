package de.nachruecker.platform;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
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
import org.bson.BsonBinarySubType;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's database stores documents as BSON ({@link BsonDocumentType}): what the driver wrote comes back the
 * same after the store was closed and opened again (so read from the file, not from MVStore's cache), and a store
 * written by the stock backend (Java serialisation) opens with all its data, is rewritten as BSON, and keeps working.
 */
class BsonDocumentStoreIT {

    private static final String DATABASE = "store-test";
    private static final String DATA_MAP = "databases." + DATABASE + ".candidates";
    private static final String META_MAP = "meta." + DATABASE + ".candidates";

    @TempDir
    Path dataDir;
    private FileBackedMongo mongo;
    private MongoClient client;

    @AfterEach
    void stop() {
        closeServer();
    }

    private MongoCollection<Document> open() throws Exception {
        mongo = new FileBackedMongo(dataDir, Ports.free());
        mongo.start();
        client = client(mongo.uri(DATABASE));
        return client.getDatabase(DATABASE).getCollection("candidates");
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .uuidRepresentation(UuidRepresentation.STANDARD).build());
    }

    private MongoCollection<Document> reopen() throws Exception {
        closeServer();
        return open();
    }

    private void closeServer() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
    }

    /** One of each value type the wire protocol carries, nested in documents and lists too. */
    private static Document everyType(String id) {
        Document nested = new Document("name", "Grüße, 接種 ✓").append("at", new Date(1_622_505_600_123L))
                .append("deeper", new Document("list", List.of(1, 2L, 3.5, "four")));
        return new Document("_id", id)
                .append("objectId", new ObjectId("60b9c5e8f1d2a34b5c6d7e8f"))
                .append("date", new Date(1_617_184_800_007L))
                .append("int", 42).append("intMin", Integer.MIN_VALUE)
                .append("long", 9_007_199_254_740_993L)
                .append("double", 0.1).append("negativeZero", -0.0).append("nan", Double.NaN)
                .append("infinity", Double.POSITIVE_INFINITY)
                .append("decimal", new Decimal128(new BigDecimal("12345.678901234567890123456789")))
                .append("binary", new Binary(new byte[] {0, 1, (byte) 0xFF, 0x7F}))
                .append("emptyBinary", new Binary(new byte[0]))
                .append("uuid", UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962"))
                .append("legacyUuid", new Binary(BsonBinarySubType.UUID_LEGACY,
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .append("null", null)
                .append("true", true).append("false", false)
                .append("string", "").append("long string", "x".repeat(1_000))
                .append("timestamp", new BsonTimestamp(1_622_505_600, 7))
                .append("regex", new BsonRegularExpression("^k[oö]rbach$", "i"))
                .append("code", new Code("function () { return 1; }"))
                .append("minKey", new MinKey()).append("maxKey", new MaxKey())
                .append("nested", nested)
                .append("emptyDocument", new Document())
                .append("list", List.of("a", 1, new Document("in", "list"), List.of(true, false)))
                .append("emptyList", List.of())
                .append("listWithNull", Arrays.asList("a", null, "b"));
    }

    @Test
    void everyValueTypeComesBackFromTheFileAsTheDriverWroteIt() throws Exception {
        MongoCollection<Document> candidates = open();
        List<Document> written = IntStream.range(0, 300).mapToObj(i -> everyType("c-" + i)).toList();
        candidates.insertMany(written);
        Document beforeClose = candidates.find(Filters.eq("_id", "c-7")).first();

        candidates = reopen();

        assertThat(candidates.find(Filters.eq("_id", "c-7")).first()).isEqualTo(beforeClose)
                .isEqualTo(everyType("c-7"));
        assertThat(candidates.find().into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void queriesAndUpdatesWorkOnDocumentsReadFromTheFile() throws Exception {
        MongoCollection<Document> candidates = open();
        candidates.createIndex(new Document("phone", 1), new IndexOptions().unique(true));
        for (int i = 0; i < 500; i++) {
            candidates.insertOne(new Document("_id", "c-" + i).append("phone", "+49" + i)
                    .append("verified", i % 2 == 0).append("claim", null).append("centreIds", List.of("korbach"))
                    .append("registeredAt", new Date(1_617_184_800_000L + i)));
        }

        candidates = reopen();

        assertThat(candidates.countDocuments(Filters.and(Filters.eq("verified", true), Filters.eq("claim", null))))
                .isEqualTo(250);
        assertThat(candidates.countDocuments(Filters.gte("registeredAt", new Date(1_617_184_800_000L + 490))))
                .isEqualTo(10);
        assertThat(candidates.updateOne(Filters.and(Filters.eq("_id", "c-2"), Filters.eq("claim", null)),
                Updates.combine(Updates.set("claim", "o-1"), Updates.push("centreIds", "bad-arolsen")))
                .getModifiedCount()).isOne();
        assertThat(candidates.updateOne(Filters.and(Filters.eq("_id", "c-2"), Filters.eq("claim", null)),
                Updates.set("claim", "o-2")).getMatchedCount()).as("already claimed").isZero();
        Document claimedAt = candidates.findOneAndUpdate(Filters.eq("_id", "c-4"), Updates.currentDate("claimedAt"),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertThat(candidates.deleteOne(Filters.eq("_id", "c-6")).getDeletedCount()).isOne();
        assertThat(claimedAt).isNotNull();

        candidates = reopen();

        Document c2 = candidates.find(Filters.eq("_id", "c-2")).first();
        assertThat(c2).isNotNull();
        assertThat(c2.getString("claim")).isEqualTo("o-1");
        assertThat(c2.getList("centreIds", String.class)).containsExactly("korbach", "bad-arolsen");
        assertThat(candidates.find(Filters.eq("_id", "c-4")).first())
                .as("a date the server set (finer than milliseconds)").isEqualTo(claimedAt);
        assertThat(candidates.find(Filters.eq("_id", "c-6")).first()).isNull();
        assertThat(candidates.countDocuments()).isEqualTo(499);
        assertThat(candidates.countDocuments(Filters.eq("claim", "o-1"))).isOne();
        MongoCollection<Document> afterReopen = candidates;
        assertThatThrownBy(() -> afterReopen.insertOne(new Document("_id", "c-new").append("phone", "+491")))
                .as("the unique index").isInstanceOf(MongoWriteException.class);
    }

    @Test
    void aStoreWrittenWithJavaSerialisationOpensWithItsDataAndIsRewrittenAsBson() throws Exception {
        Files.createDirectories(dataDir);
        MVStore stockStore = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).open();
        MongoServer stock = new MongoServer(new H2Backend(stockStore));
        int port = Ports.free();
        stock.bind("127.0.0.1", port);
        List<Document> written;
        try (MongoClient stockClient = client(FileBackedMongo.uri(port, DATABASE))) {
            MongoCollection<Document> candidates = stockClient.getDatabase(DATABASE).getCollection("candidates");
            candidates.createIndex(new Document("phone", 1), new IndexOptions().unique(true));
            candidates.insertMany(IntStream.range(0, 300)
                    .mapToObj(i -> everyType("c-" + i).append("phone", "+49" + i)).toList());
            written = candidates.find().into(new ArrayList<>());
        }
        stock.shutdown();
        Object javaSerialised = stored(DATA_MAP, "c-7", new ObjectDataType());
        assertThat(javaSerialised).as("the stock store, read the stock way")
                .isInstanceOf(de.bwaldvogel.mongo.bson.Document.class);
        assertThat(stored(META_MAP, IdFirstH2Backend.FORMAT_KEY, new ObjectDataType())).isNull();

        MongoCollection<Document> candidates = open();
        assertThat(candidates.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
        assertThat(candidates.updateOne(Filters.eq("_id", "c-1"), Updates.set("claim", "o-1")).getModifiedCount())
                .isOne();
        assertThatThrownBy(() -> client.getDatabase(DATABASE).getCollection("candidates")
                .insertOne(new Document("_id", "c-new").append("phone", "+491")))
                .as("the unique index").isInstanceOf(MongoWriteException.class);
        closeServer();

        assertThatThrownBy(() -> stored(DATA_MAP, "c-7", new ObjectDataType()))
                .as("rewritten: no longer Java serialisation").isInstanceOf(MVStoreException.class);
        assertThat(stored(DATA_MAP, "c-7", new BsonDocumentType())).isInstanceOfSatisfying(
                de.bwaldvogel.mongo.bson.Document.class, document -> assertThat(document.keySet())
                        .containsExactlyElementsOf(((de.bwaldvogel.mongo.bson.Document) javaSerialised).keySet()));
        assertThat(stored(META_MAP, IdFirstH2Backend.FORMAT_KEY, new ObjectDataType()))
                .isEqualTo(IdFirstH2Backend.FORMAT_BSON);
        candidates = open();
        Document c1 = candidates.find(Filters.eq("_id", "c-1")).first();
        assertThat(c1).isNotNull();
        assertThat(c1.getString("claim")).isEqualTo("o-1");
        assertThat(candidates.find(Filters.ne("_id", "c-1")).into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(written.stream()
                        .filter(document -> !"c-1".equals(document.getString("_id"))).toList());
    }

    /** One value of a map of the closed store, read with the given value type. */
    private <V> Object stored(String mapName, String key, DataType<V> valueType) {
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).readOnly().open();
        try {
            return store.openMap(mapName, new MVMap.Builder<Object, V>().valueType(valueType)).get(key);
        } finally {
            store.close();
        }
    }
}
