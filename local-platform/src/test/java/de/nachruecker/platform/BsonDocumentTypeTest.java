package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

/**
 * The value type of the database's documents on its own: BSON for what the wire protocol carries, the stock encoding
 * for anything BSON would change, and both read side by side, as in a page of a store written before.
 */
class BsonDocumentTypeTest {

    private final BsonDocumentType type = new BsonDocumentType();

    private static Document wireTypes() {
        return new Document("_id", "c-1")
                .append("objectId", new ObjectId("60b9c5e8f1d2a34b5c6d7e8f"))
                .append("at", Instant.ofEpochMilli(1_617_184_800_007L))
                .append("int", 7).append("long", 7L).append("double", -0.0)
                .append("decimal", Decimal128.fromNumber(new BigDecimal("0.1")))
                .append("binary", new BinData(new byte[] {1, 2, 3}))
                .append("uuid", UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962"))
                .append("legacyUuid", new LegacyUUID(1, 2))
                .append("timestamp", new BsonTimestamp(99L))
                .append("null", null).append("flag", true)
                .append("nested", new Document("list", new ArrayList<>(Arrays.asList("a", null, 3))));
    }

    private ByteBuffer written(Document... documents) {
        WriteBuffer buffer = new WriteBuffer();
        for (Document document : documents) {
            type.write(buffer, document);
        }
        return buffer.getBuffer().flip();
    }

    @Test
    void aDocumentOfWireTypesIsStoredAsBsonAndReadBackEqual() {
        ByteBuffer stored = written(wireTypes());

        assertThat(stored.get(0)).isEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(stored)).isEqualTo(wireTypes());
        assertThat(stored.hasRemaining()).isFalse();
    }

    @Test
    void whatBsonWouldChangeIsStoredTheStockWayAndComesBackUnchanged() {
        Instant finerThanMillis = Instant.ofEpochSecond(1_617_184_800L, 123_456_789);
        List<Document> odd = List.of(
                new Document("_id", "c-2").append("at", finerThanMillis),
                new Document("_id", "c-3").append("nested", new Document("set", new LinkedHashSet<>(List.of(1, 2)))),
                new Document("_id", "c-4").append("float", 1.5f),
                new Document("_id", "c-5").append("list", List.of(Missing.getInstance())),
                new Document("_id", "c-6").append("nul\0key", 1));

        for (Document document : odd) {
            ByteBuffer stored = written(document);
            assertThat(stored.get(0)).as("%s", document).isNotEqualTo(BsonDocumentType.BSON);
            Document read = type.read(stored);
            assertThat(read.keySet()).isEqualTo(document.keySet());
            assertThat(read.get("_id")).isEqualTo(document.get("_id"));
        }
        Document c2 = type.read(written(odd.get(0)));
        assertThat(c2.get("at")).isEqualTo(finerThanMillis);
        assertThat(((Document) type.read(written(odd.get(1))).get("nested")).get("set"))
                .isInstanceOf(Set.class).isEqualTo(Set.of(1, 2));
        assertThat(type.read(written(odd.get(2))).get("float")).isEqualTo(1.5f);
        assertThat(type.read(written(odd.get(3))).get("list")).asInstanceOf(LIST).singleElement().isInstanceOf(Missing.class);
    }

    @Test
    void valuesWrittenByTheStockTypeAndBsonValuesReadSideBySide() {
        WriteBuffer buffer = new WriteBuffer();
        Document old = new Document("_id", "c-0").append("centre", "korbach");
        new ObjectDataType().write(buffer, old);
        type.write(buffer, wireTypes());
        new ObjectDataType().write(buffer, old);
        ByteBuffer page = buffer.getBuffer().flip();

        assertThat(type.read(page)).isEqualTo(old);
        assertThat(type.read(page)).isEqualTo(wireTypes());
        assertThat(type.read(page)).isEqualTo(old);
        assertThat(page.hasRemaining()).isFalse();
    }
}
