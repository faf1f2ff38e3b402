package de.nachruecker.systemtest;

import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import de.nachruecker.systemtest.PlatformActions.Citizen;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issues #5 and #15: after a citizen withdraws, nothing that identifies them is readable anywhere the platform keeps
 * data — every collection of every database, every record of every topic (dead letters and the older records below
 * the tombstones of the compacted topics included: their personal fields were sealed with the person's data key,
 * which the withdrawal deleted), the broker's log files, every log file — and, within the store's compaction interval,
 * not in the raw bytes of the database's files either. The SMS gateway stand-in and the SMTP server play the external
 * carriers and are not searched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
class ErasureSystemIT {

    private static final String NAME = "Walburga Quetschkommode";
    private static final String BIRTH_DATE = "1939-09-17";
    private static final String PHONE = "+4915129384756";
    private static final String EMAIL = "walburga.quetschkommode@example.org";
    private static final String CENTRE = "kassel";

    /** Every textual form in which the person's data could have been written down, compared case-insensitively. */
    private static final List<String> TRACES = List.of(NAME, "Quetschkommode", "Walburga", BIRTH_DATE, "17.09.1939",
            "19390917", "17/09/1939", "09/17/1939", PHONE, "015129384756", "0151 29384756", "+49 151 29384756",
            "15129384756", EMAIL, "walburga.quetschkommode");

    /**
     * The birth date as binary, for the files: epoch milliseconds of its midnight UTC as a BSON date (little-endian)
     * and as Java serialises a Date (big-endian), and a LocalDate's serial form (year as int, month, day).
     */
    private static final Map<String, byte[]> BINARY_TRACES = binaryTraces(LocalDate.parse(BIRTH_DATE));

    private LocalPlatformProcess process;
    private PlatformActions platform;
    private PlatformStores stores;
    private PlatformTopics topics;

    @BeforeAll
    void startPlatform() throws Exception {
        process = LocalPlatformProcess.shared();
        platform = new PlatformActions(process);
        stores = new PlatformStores(process);
        topics = new PlatformTopics(process);
    }

    @AfterAll
    void close() {
        if (stores != null) {
            stores.close();
            topics.close();
        }
    }

    @Test
    void aWithdrawnPersonLeavesNoTraceInAnyStoreTopicLogOrFile() throws Exception {
        Citizen citizen = platform.registerAndVerify(NAME, BIRTH_DATE, PHONE, EMAIL, CENTRE);
        platform.release(CENTRE, 1);
        String link = platform.offerLinkTo(citizen);
        HttpResponse<String> accepted = platform.answer(link, "ACCEPT");
        platform.awaitOutcome(link, accepted, "outcome-confirmed");
        platform.awaitMessageTo(PHONE, body -> body.contains("Termin bestätigt"));
        assertThat(documentTraces()).as("the person is findable before the withdrawal (the search works)")
                .isNotEmpty();
        assertThat(fileTraces(process.dataDir().resolve("mongo")))
                .as("the person is in the database's file before the withdrawal (the file search works)").isNotEmpty();
        assertThat(topicTraces()).as("personal data travels sealed: no topic shows it, even before the withdrawal")
                .isEmpty();
        assertThat(vaultKey(citizen)).as("the person's data key is in the vault").isNotNull();

        platform.withdraw(citizen);

        assertThat(vaultKey(citizen)).as("the acknowledged withdrawal deleted the person's data key").isNull();
        await("erasure reaches every store, topic, broker file and log").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(traces()).isEmpty());
        for (TopicDefinition compacted : List.of(Topics.CANDIDATES, Topics.CANDIDATE_CONTACTS)) {
            assertThat(latestRecord(compacted, citizen.candidateId()).value())
                    .as("the latest " + compacted.name() + " record of the candidate is a tombstone").isNull();
        }
        assertThat(localOutbox()).as("notification-service's local outbox page forgot the person")
                .doesNotContain(PHONE, EMAIL);
        Duration fileBound = LocalPlatformProcess.STORE_COMPACTION_INTERVAL.multipliedBy(3).plusSeconds(60);
        await("the deleted documents leave the database's file (compaction every "
                + LocalPlatformProcess.STORE_COMPACTION_INTERVAL.toSeconds() + " s)").atMost(fileBound)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(fileTraces(process.dataDir().resolve("mongo"))).isEmpty());
    }

    /** Where the person can still be found. */
    private List<String> traces() throws Exception {
        List<String> found = new ArrayList<>(documentTraces());
        found.addAll(topicTraces());
        found.addAll(fileTraces(process.dataDir().resolve("kafka")));
        for (Path log : process.logFiles()) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String trace : tracesIn(lines.get(i))) {
                    found.add("log " + log.getFileName() + ":" + (i + 1) + ": " + trace);
                }
            }
        }
        return found;
    }

    private List<String> documentTraces() {
        List<String> found = new ArrayList<>();
        stores.forEachDocument(document -> tracesIn(document.json()).forEach(trace -> found.add(
                "mongo " + document.database() + "." + document.collection() + ": " + trace)));
        return found;
    }

    /** Every record of every topic from offset 0, dead letters and compacted topics alike, without exception. */
    private List<String> topicTraces() {
        List<String> found = new ArrayList<>();
        for (TopicDefinition topic : Topics.all()) {
            for (ConsumerRecord<String, byte[]> record : topics.readAll(topic.name())) {
                for (String trace : tracesIn(text(record))) {
                    found.add("topic " + topic.name() + " partition " + record.partition() + " offset "
                            + record.offset() + ": " + trace);
                }
            }
        }
        return found;
    }

    /** The raw bytes of every file under {@code directory}: text traces and the birth date's binary forms. */
    private static List<String> fileTraces(Path directory) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        // the store replaces its file when it compacts, the broker its segments: what vanished meanwhile is skipped
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                continue; // replaced meanwhile (a compaction, a rolled segment): its successor is read next time
            }
            String where = "file " + directory.relativize(file) + ": ";
            tracesIn(new String(bytes, StandardCharsets.ISO_8859_1)).forEach(trace -> found.add(where + trace));
            BINARY_TRACES.forEach((form, pattern) -> {
                if (indexOf(bytes, pattern) >= 0) {
                    found.add(where + "birth date as " + form);
                }
            });
        }
        return found;
    }

    private Document vaultKey(Citizen citizen) {
        List<Document> keys = new ArrayList<>();
        stores.forEachDocument(document -> {
            if (document.database().equals("key-vault") && document.json().contains(citizen.candidateId())) {
                keys.add(Document.parse(document.json()));
            }
        });
        return keys.isEmpty() ? null : keys.get(0);
    }

    private ConsumerRecord<String, byte[]> latestRecord(TopicDefinition topic, String candidateId) {
        List<ConsumerRecord<String, byte[]>> records = topics.readAll(topic.name()).stream()
                .filter(record -> candidateId.equals(record.key())).toList();
        assertThat(records).as(topic.name() + " records of " + candidateId).isNotEmpty();
        return records.get(records.size() - 1);
    }

    private String localOutbox() throws Exception {
        return platform.send(HttpRequest.newBuilder(URI.create(process.endpoints().notificationUrl() + "/api/outbox"))
                .header("Authorization", Staff.OPS.authorization()).GET()).body();
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.key()));
        if (record.value() != null) {
            text.append('\n').append(new String(record.value(), StandardCharsets.UTF_8));
        }
        for (Header header : record.headers()) {
            text.append('\n').append(header.key()).append('=')
                    .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static List<String> tracesIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return TRACES.stream().filter(trace -> lower.contains(trace.toLowerCase(Locale.ROOT))).toList();
    }

    private static Map<String, byte[]> binaryTraces(LocalDate date) {
        long millis = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("BSON date", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(millis).array());
        forms.put("serialised Date", ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(millis).array());
        forms.put("serialised LocalDate", ByteBuffer.allocate(6).putInt(date.getYear())
                .put((byte) date.getMonthValue()).put((byte) date.getDayOfMonth()).array());
        return forms;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
