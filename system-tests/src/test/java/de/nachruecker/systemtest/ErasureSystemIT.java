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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issues #5 and #15: after a citizen withdraws, nothing that identifies them is readable anywhere the platform keeps
 * data — every collection of every database, every record of every topic (dead letters and the older records below
 * the tombstones of the compacted topics included: their personal fields were sealed with the person's data key,
 * which the withdrawal deleted), the broker's log files, every log file — and, within the store's compaction interval,
 * not in the raw bytes of the database's files either. The SMS gateway stand-in and the SMTP server play the external
 * carriers and are not searched. Likewise the secrets of messages (codes, answer tokens) once they were sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
class ErasureSystemIT {

    private static final String NAME = "Walburga Quetschkommode";
    private static final String BIRTH_DATE = "1939-09-17";
    private static final String PHONE = "+4915129384756";
    private static final String EMAIL = "walburga.quetschkommode@example.org";
    private static final String CENTRE = "kassel";
    /** The secrets test's citizen, at a centre of their own. */
    private static final String SECRETS_PHONE = "+4915129384757";
    private static final String SECRETS_CENTRE = "darmstadt";

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

    /**
     * Issue #15, secrets on the topics: the verification code and an offer's answer token travel on
     * {@code notification-requests} sealed with a key of their message only, which notification-service deletes once
     * the message is sent. So no record of that topic or its dead letters, no document, no broker file and no log
     * holds them in clear, and once they were sent nothing opens them any more: the message keys are gone.
     */
    @Test
    void aSentCodeOrAnswerTokenIsReadableNowhereOnceItWasSent() throws Exception {
        Citizen citizen = platform.registerAndVerify("Kunigunde Sendebart", "1941-02-03", SECRETS_PHONE, null,
                SECRETS_CENTRE);
        Matcher codeInSms = Pattern.compile("\\b(\\d{6})\\b").matcher(
                platform.awaitMessageTo(SECRETS_PHONE, body -> body.matches("(?s).*\\b\\d{6}\\b.*")));
        assertThat(codeInSms.find()).isTrue();
        String code = codeInSms.group(1);
        platform.release(SECRETS_CENTRE, 1);
        String link = platform.offerLinkTo(citizen);
        String token = link.substring(link.indexOf("token=") + "token=".length());
        // a quoted code is what a JSON field holding it looks like; bare six digits turn up in any timestamp
        List<String> secrets = List.of("\"" + code + "\"", token);

        List<ConsumerRecord<String, byte[]>> requests = recordsOf(citizen.candidateId(),
                Topics.NOTIFICATION_REQUESTS.name());
        assertThat(requests).as("the code's and the offer's request").hasSizeGreaterThanOrEqualTo(2);
        await("the messages are final and their keys gone").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(messageKeysOf(citizen.candidateId())).isEmpty());

        List<String> found = new ArrayList<>();
        for (String topic : List.of(Topics.NOTIFICATION_REQUESTS.name(),
                Topics.deadLettersOf(Topics.NOTIFICATION_REQUESTS.name()))) {
            for (ConsumerRecord<String, byte[]> record : topics.readAll(topic)) {
                String text = text(record);
                for (String name : List.of("answerToken", "\"code\"", "accessCode")) {
                    if (text.contains(name)) {
                        found.add("topic " + topic + " offset " + record.offset() + ": a secret parameter " + name
                                + " in clear");
                    }
                }
            }
        }
        for (TopicDefinition topic : Topics.all()) {
            for (ConsumerRecord<String, byte[]> record : topics.readAll(topic.name())) {
                secrets.stream().filter(text(record)::contains).forEach(secret -> found.add("topic " + topic.name()
                        + " offset " + record.offset() + ": " + secret));
            }
        }
        stores.forEachDocument(document -> secrets.stream().filter(document.json()::contains).forEach(secret ->
                found.add("mongo " + document.database() + "." + document.collection() + ": " + secret)));
        found.addAll(rawTraces(process.dataDir().resolve("kafka"), secrets));
        // never written in clear, so not in the database's file either (BSON: the field "code" holding the string)
        found.addAll(rawTraces(process.dataDir().resolve("mongo"), List.of(token,
                "\u0002code\u0000\u0007\u0000\u0000\u0000" + code + "\u0000")));
        for (Path log : process.logFiles()) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            secrets.stream().filter(text::contains).forEach(secret -> found.add("log " + log.getFileName() + ": "
                    + secret));
        }
        assertThat(found).isEmpty();
        for (ConsumerRecord<String, byte[]> request : requests) {
            String eventId = new String(request.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8);
            assertThat(messageKey(eventId)).as("the key of request " + eventId + " is gone").isNull();
        }
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String key, String topic) {
        return topics.readAll(topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    private List<Document> messageKeysOf(String candidateId) {
        List<Document> keys = new ArrayList<>();
        stores.forEachDocument(document -> {
            if (document.database().equals("key-vault") && document.collection().equals("message-keys")
                    && document.json().contains(candidateId)) {
                keys.add(Document.parse(document.json()));
            }
        });
        return keys;
    }

    private Document messageKey(String eventId) {
        List<Document> keys = new ArrayList<>();
        stores.forEachDocument(document -> {
            if (document.collection().equals("message-keys") && document.json().contains(eventId)) {
                keys.add(Document.parse(document.json()));
            }
        });
        return keys.isEmpty() ? null : keys.get(0);
    }

    /** The raw bytes of every file under {@code directory} that contain one of {@code strings}. */
    private static List<String> rawTraces(Path directory, List<String> strings) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : regularFiles(directory)) {
            String text;
            try {
                text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                continue;
            }
            strings.stream().filter(text::contains).forEach(secret -> found.add("file "
                    + directory.relativize(file) + ": " + secret));
        }
        return found;
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
        for (Path file : regularFiles(directory)) {
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

    private static List<Path> regularFiles(Path directory) throws IOException {
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
        return files;
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
