package de.nachruecker.systemtest;

import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import de.nachruecker.systemtest.PlatformActions.Citizen;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #5: after a citizen withdraws, nothing that identifies them is left anywhere the platform keeps data — every
 * collection of every database, every record of every topic (dead letters included), every log file — except older
 * values of the compacted {@code candidate-contacts} and {@code candidates} topics (the pseudonymous profile there
 * carries the birth date) under the candidate's key, whose latest record must be the tombstone: log compaction
 * removes those older values (after {@code min.compaction.lag.ms}/segment roll, not at once). The SMS gateway
 * stand-in and the SMTP server play the external carriers and are not searched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
class ErasureSystemIT {

    private static final String NAME = "Walburga Quetschkommode";
    private static final String BIRTH_DATE = "1939-09-17";
    private static final String PHONE = "+4915129384756";
    private static final String EMAIL = "walburga.quetschkommode@example.org";
    private static final String CENTRE = "kassel";

    /** Where the person may still be found in older records until compaction, below their tombstone. */
    private static final List<TopicDefinition> COMPACTED_PERSONAL_TOPICS =
            List.of(Topics.CANDIDATES, Topics.CANDIDATE_CONTACTS);

    /** Every form in which the person's data could have been written down, compared case-insensitively. */
    private static final List<String> TRACES = List.of(NAME, "Quetschkommode", "Walburga", BIRTH_DATE, "17.09.1939",
            PHONE, "015129384756", "0151 29384756", "+49 151 29384756", "15129384756", EMAIL,
            "walburga.quetschkommode");

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
        stores.close();
        topics.close();
    }

    @Test
    void aWithdrawnPersonLeavesNoTraceInAnyStoreTopicOrLog() throws Exception {
        Citizen citizen = platform.registerAndVerify(NAME, BIRTH_DATE, PHONE, EMAIL, CENTRE);
        platform.release(CENTRE, 1);
        String link = platform.offerLinkTo(citizen);
        HttpResponse<String> accepted = platform.answer(link, "ACCEPT");
        platform.awaitOutcome(link, accepted, "outcome-confirmed");
        platform.awaitMessageTo(PHONE, body -> body.contains("Termin bestätigt"));
        assertThat(traces(citizen)).as("the person is findable before the withdrawal (the search works)").isNotEmpty();

        platform.withdraw(citizen);

        await("erasure reaches every store, topic and log").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(traces(citizen)).isEmpty());
        for (TopicDefinition compacted : COMPACTED_PERSONAL_TOPICS) {
            assertThat(latestRecord(compacted, citizen.candidateId()).value())
                    .as("the latest " + compacted.name() + " record of the candidate is a tombstone").isNull();
        }
        assertThat(localOutbox()).as("notification-service's local outbox page forgot the person")
                .doesNotContain(PHONE, EMAIL);
    }

    /** Where the person can still be found, outside the one allowed place. */
    private List<String> traces(Citizen citizen) throws Exception {
        List<String> found = new ArrayList<>();
        stores.forEachDocument(document -> tracesIn(document.json()).forEach(trace -> found.add(
                "mongo " + document.database() + "." + document.collection() + ": " + trace)));
        for (TopicDefinition topic : Topics.all()) {
            for (ConsumerRecord<String, byte[]> record : topics.readAll(topic.name())) {
                if (isOlderCompactedValue(topic, record, citizen)) {
                    continue;
                }
                for (String trace : tracesIn(text(record))) {
                    found.add("topic " + topic.name() + " partition " + record.partition() + " offset "
                            + record.offset() + ": " + trace);
                }
            }
        }
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

    /** These topics are compacted: values before the tombstone stay until the cleaner runs. */
    private static boolean isOlderCompactedValue(TopicDefinition topic, ConsumerRecord<String, byte[]> record,
                                                 Citizen citizen) {
        return COMPACTED_PERSONAL_TOPICS.contains(topic) && citizen.candidateId().equals(record.key());
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
}
