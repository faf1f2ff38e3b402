package de.nachruecker.slot.release.persistence;

import de.nachruecker.events.Topics;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.slot.testing.SlotServiceTestBase;
import de.nachruecker.slot.testing.TopicReader;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.testing.AtOnce;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * New releases written in batches, against the real store and broker: a batch answers each release as a lone insert
 * would (stored; idempotency key taken, also by another release of the same batch; its own error) without one
 * refusal costing the others, and each stored release's event is published once, with the request's correlation id.
 */
class ReleaseInsertsIT extends SlotServiceTestBase {

    @Autowired
    ReleaseInserts inserts;

    /** One batch, composed by the test, committed as a committer commits it. */
    @Test
    void aBatchAnswersEachReleaseAsIfAloneAndPublishesTheStoredOnesOnce() throws Exception {
        try (TopicReader topic = new TopicReader(broker, Topics.DOSE_RELEASES)) {
            Insert earlier = insert(UUID.randomUUID().toString(), "korbach/key-earlier");
            assertThat(inserts.insert(earlier.document(), earlier.event())).isTrue();

            String clashingId = UUID.randomUUID().toString();
            List<Insert> batch = List.of(
                    insert(clashingId, null),
                    insert(UUID.randomUUID().toString(), "korbach/key-1"),
                    insert(UUID.randomUUID().toString(), "korbach/key-1"),
                    insert(UUID.randomUUID().toString(), "korbach/key-earlier"),
                    insert(clashingId, null),
                    insert(UUID.randomUUID().toString(), null));
            inserts.commit(batch.stream().map(Insert::request).toList());

            assertThat(answer(batch.get(0))).as("stored").isTrue();
            assertThat(answer(batch.get(1))).as("stored, its key first in the batch").isTrue();
            assertThat(answer(batch.get(2))).as("its key taken by another release of the batch").isFalse();
            assertThat(answer(batch.get(3))).as("its key taken by an earlier release").isFalse();
            assertThatThrownBy(() -> answer(batch.get(4))).as("a clash of ids, not a replay")
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(answer(batch.get(5))).as("stored, though others of its batch were refused").isTrue();

            Set<String> stored = Set.of(earlier.id(), batch.get(0).id(), batch.get(1).id(), batch.get(5).id());
            assertThat(mongo.find(new Query(), Document.class, ReleaseDocument.COLLECTION))
                    .extracting(document -> document.getString("_id")).containsExactlyInAnyOrderElementsOf(stored);

            Insert sentinel = insert(UUID.randomUUID().toString(), null);
            assertThat(inserts.insert(sentinel.document(), sentinel.event())).isTrue();
            assertThat(topic.until(5)).extracting(record -> released(record).releaseId())
                    .as("each stored release's event once, and nothing of the refused ones")
                    .containsExactlyInAnyOrderElementsOf(with(stored, sentinel.id()));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.find(new Query(),
                    Document.class, ReleaseDocument.COLLECTION))
                    .as("the relay marked them sent").allSatisfy(document ->
                            assertThat(document.getList(OutboxRelay.FIELD, Object.class)).isEmpty()));
        }
    }

    /**
     * Concurrent requests through the API: distinct releases, retries with one idempotency key and a different
     * release under that key. Each gets the answer it would get alone, whichever of them share a batch.
     */
    @Test
    void concurrentPublicationsAreAnsweredAsIfAloneAndEachStoredOneIsPublishedOnceWithItsCorrelationId()
            throws Exception {
        try (TopicReader topic = new TopicReader(broker, Topics.DOSE_RELEASES)) {
            String key = UUID.randomUUID().toString();
            List<Callable<MockHttpServletResponse>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String correlationId = "publish-" + i;
                requests.add(() -> publish(body("marburg", 2), null, correlationId));
            }
            for (int i = 0; i < 4; i++) {
                requests.add(() -> publish(body("fulda", 2), key, "retry"));
            }
            requests.add(() -> publish(body("fulda", 3), key, "other-release"));

            List<MockHttpServletResponse> answers = AtOnce.call(Duration.ofSeconds(30), requests);

            Map<String, String> correlationOf = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                assertThat(answers.get(i).getStatus()).isEqualTo(201);
                correlationOf.put(idOf(answers.get(i)), "publish-" + i);
            }
            assertThat(correlationOf).as("six distinct releases").hasSize(6);
            List<MockHttpServletResponse> keyed = answers.subList(6, 11);
            assertThat(keyed).extracting(MockHttpServletResponse::getStatus).as("one publication under the key")
                    .containsOnlyOnce(201);
            MockHttpServletResponse won = keyed.stream().filter(answer -> answer.getStatus() == 201).findFirst()
                    .orElseThrow();
            boolean retriesWon = keyed.indexOf(won) < 4;
            for (int i = 0; i < keyed.size(); i++) {
                MockHttpServletResponse answer = keyed.get(i);
                if (answer != won) {
                    boolean sameRequest = (i < 4) == retriesWon;
                    assertThat(answer.getStatus()).as("a replay of the same request, a conflict of another")
                            .isEqualTo(sameRequest ? 200 : 422);
                    if (sameRequest) {
                        assertThat(idOf(answer)).isEqualTo(idOf(won));
                    }
                }
            }
            correlationOf.put(idOf(won), retriesWon ? "retry" : "other-release");
            assertThat(mongo.count(new Query(), ReleaseDocument.COLLECTION)).isEqualTo(7);

            List<ConsumerRecord<String, byte[]>> records = topic.until(7);
            String sentinel = publishRelease("admin", "marburg", 1);
            records.addAll(topic.until(1));
            assertThat(records).extracting(record -> released(record).releaseId())
                    .as("each release published once").containsExactlyInAnyOrderElementsOf(
                            with(correlationOf.keySet(), sentinel));
            for (ConsumerRecord<String, byte[]> record : records.subList(0, 7)) {
                assertThat(new String(record.headers().lastHeader(CorrelationId.KAFKA_HEADER).value(),
                        StandardCharsets.UTF_8)).as("the correlation id of the request that published it")
                        .isEqualTo(correlationOf.get(released(record).releaseId()));
            }
        }
    }

    private MockHttpServletResponse publish(String body, String idempotencyKey, String correlationId)
            throws Exception {
        var request = post("/api/releases").with(httpBasic("admin", PASSWORD))
                .header(CorrelationId.HTTP_HEADER, correlationId)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String body(String centreId, int doseCount) {
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        return """
                {"centreId": "%s", "product": "COMIRNATY", "doseCount": %d,
                 "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}"""
                .formatted(centreId, doseCount, from, from.plus(Duration.ofHours(2)), from.plus(Duration.ofHours(3)));
    }

    private String idOf(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString()).get("id").asString();
    }

    private DosesReleased released(ConsumerRecord<String, byte[]> record) {
        return (DosesReleased) codec.decode(record.value(), ReleaseEvent.class);
    }

    private static Set<String> with(Set<String> ids, String one) {
        Set<String> all = new HashSet<>(ids);
        all.add(one);
        return all;
    }

    private static boolean answer(Insert insert) throws Exception {
        try {
            return insert.request().done().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** A new one-dose release of korbach as the store writes it, its event in its outbox. */
    private Insert insert(String id, String scopedKey) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant from = now.plus(Duration.ofHours(1));
        PendingEvent event = PendingEvent.of(Topics.DOSE_RELEASES, new DosesReleased(UUID.randomUUID(), now, id,
                "korbach", "COMIRNATY", 1, new AppointmentWindow(from, from.plus(Duration.ofHours(2))),
                from.plus(Duration.ofHours(3))), codec);
        ReleaseDocument document = new ReleaseDocument(id, "korbach", "COMIRNATY", 1,
                new ReleaseDocument.Window(from, from.plus(Duration.ofHours(2))), from.plus(Duration.ofHours(3)),
                null, "PUBLISHED", now, now, null, scopedKey, 0, 0, 0, 0, 0, false, 0, 0, List.of(), List.of(),
                List.of(event));
        return new Insert(document, event, new ReleaseInserts.Insert(document, event, OutboxRelay.writersContext(),
                new CompletableFuture<>()));
    }

    private record Insert(ReleaseDocument document, PendingEvent event, ReleaseInserts.Insert request) {

        String id() {
            return document.id();
        }
    }
}
