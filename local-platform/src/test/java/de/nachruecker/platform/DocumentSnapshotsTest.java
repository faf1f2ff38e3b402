package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored document comes back exactly as it was put, whatever it holds, and nothing done to it later reaches it. */
class DocumentSnapshotsTest {

    private static final Instant MILLIS = Instant.parse("2021-06-07T08:15:30.123Z");

    @Test
    void everyBsonTypeTheServicesUseComesBackExactlyAsBson() {
        Document document = new Document("_id", "c-1")
                .append("string", "Grüße, Straße 7 😀")
                .append("int", 42).append("long", 1L << 40).append("double", 0.1)
                .append("negativeZero", -0.0).append("nan", Double.NaN)
                .append("true", true).append("false", false).append("null", null)
                .append("date", MILLIS).append("beforeEpoch", Instant.parse("1940-01-01T00:00:00Z"))
                .append("objectId", new ObjectId()).append("decimal", Decimal128.fromNumber(new BigDecimal("12.50")))
                .append("binary", new BinData(new byte[] {0, 1, 2, (byte) 0xFF}))
                .append("uuid", UUID.randomUUID()).append("legacyUuid", new LegacyUUID(UUID.randomUUID()))
                .append("timestamp", new BsonTimestamp(123456789L)).append("max", MaxKey.getInstance())
                .append("min", MinKey.getInstance()).append("code", new BsonJavaScript("return 1"))
                .append("stringWithNul", "a\0b")
                .append("nested", new Document("centreIds", List.of("centre-1", "centre-2"))
                        .append("empty", new Document()).append("list", List.of(1, "two", List.of(3L), new Document())))
                .append("emptyList", List.of());

        byte[] snapshot = DocumentSnapshots.encode(document);

        assertThat(snapshot[0]).as("stored as BSON").isEqualTo(DocumentSnapshots.BSON);
        assertThat(DocumentSnapshots.decode(snapshot)).isEqualTo(document);
    }

    @Test
    void aRegularExpressionComesBackWithItsPatternAndOptions() {
        Document decoded = DocumentSnapshots.decode(DocumentSnapshots.encode(
                new Document("regex", new BsonRegularExpression("^Kor.*", "i"))));

        // BsonRegularExpression has no equals: its parts are what counts
        BsonRegularExpression regex = (BsonRegularExpression) decoded.get("regex");
        assertThat(regex.getPattern()).isEqualTo("^Kor.*");
        assertThat(regex.getOptions()).isEqualTo("i");
    }

    @Test
    void whatBsonWouldChangeIsKeptExactlyBySerialisation() {
        List<Document> inexact = List.of(
                new Document("at", Instant.parse("2021-06-07T08:15:30.123456789Z")), // $currentDate sets nanos
                new Document("missing", Missing.getInstance()),
                new Document("key\0withNul", 1),
                new Document("loneSurrogate", "a\uD800b"),
                new Document("set", new LinkedHashSet<>(List.of("a", "b"))),
                new Document("nested", new Document("deep", List.of(Instant.parse("2021-06-07T08:15:30.000001Z")))));
        for (Document document : inexact) {
            byte[] snapshot = DocumentSnapshots.encode(document);

            assertThat(snapshot[0]).as("%s is kept by serialisation", document.keySet())
                    .isEqualTo(DocumentSnapshots.JAVA);
            assertThat(DocumentSnapshots.decode(snapshot)).isEqualTo(document);
        }
    }

    @Test
    void changesToTheDocumentAfterwardsDoNotReachTheSnapshot() {
        List<String> centres = new ArrayList<>(List.of("centre-1"));
        Document document = new Document("_id", "c-1").append("status", "NEW").append("centres", centres);
        byte[] snapshot = DocumentSnapshots.encode(document);

        document.put("status", "CLAIMED");
        centres.add("centre-2");
        Document read = DocumentSnapshots.decode(snapshot);
        read.put("status", "READ-AND-CHANGED");

        assertThat(DocumentSnapshots.decode(snapshot))
                .isEqualTo(new Document("_id", "c-1").append("status", "NEW").append("centres", List.of("centre-1")))
                .isNotSameAs(read);
    }

    /** Random documents of the services' shapes and values, seeded: each comes back equal (property-based). */
    @Test
    void randomDocumentsComeBackEqual() {
        Random random = new Random(20210607L);
        for (int i = 0; i < 2_000; i++) {
            Document document = randomDocument(random, 0);
            assertThat(DocumentSnapshots.decode(DocumentSnapshots.encode(document))).as("seed case %d", i)
                    .isEqualTo(document);
        }
    }

    private static Document randomDocument(Random random, int depth) {
        Document document = new Document();
        int fields = random.nextInt(8);
        for (int f = 0; f < fields; f++) {
            document.put("f" + random.nextInt(20), randomValue(random, depth));
        }
        return document;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth < 3 ? 14 : 12);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e6 - 5e5;
            case 4 -> random.nextBoolean();
            case 5 -> randomString(random);
            case 6 -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
            case 7 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            case 8 -> new UUID(random.nextLong(), random.nextLong());
            case 9 -> new ObjectId();
            case 10 -> Missing.getInstance();
            case 11 -> Decimal128.fromNumber(BigDecimal.valueOf(random.nextLong(), random.nextInt(10)));
            case 12 -> randomDocument(random, depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int e = random.nextInt(5); e > 0; e--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String randomString(Random random) {
        StringBuilder string = new StringBuilder();
        for (int c = random.nextInt(12); c > 0; c--) {
            string.append((char) (random.nextInt(10) == 0 ? random.nextInt(0xFFFF) : 'a' + random.nextInt(26)));
        }
        return string.toString();
    }
}
