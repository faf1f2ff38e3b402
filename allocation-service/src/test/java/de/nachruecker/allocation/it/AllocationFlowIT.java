package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.pool.application.KeepingCandidatePool;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.events.offer.ReleaseFilled;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AllocationFlowIT extends AllocationIntegrationTest {

    @Autowired
    KeepingCandidatePool pool;

    /**
     * A poll of the candidates topic is applied in its order with one write for its profiles: a registration and its
     * verification in the same poll end verified and in the pool, a withdrawal between profiles takes its candidate
     * out, a later change of centres counts.
     */
    @Test
    void aPollOfCandidateEventsEndsAsTheEventsOneByOneWould() {
        String verifiedLater = centre + "-poll-a";
        String moved = centre + "-poll-b";
        String withdrawn = centre + "-poll-c";
        List.of(verifiedLater, moved, withdrawn).forEach(keys::create);
        List<CandidateEvent> poll = List.of(
                registered(verifiedLater, List.of(centre), false),
                registered(withdrawn, List.of(centre), true),
                registered(moved, List.of(centre), true),
                new CandidateWithdrawn(UUID.randomUUID(), clock.instant(), withdrawn,
                        CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE),
                registered(verifiedLater, List.of(centre), true),
                registered(moved, List.of("kassel"), true));

        pool.applyAll(poll);

        Candidate verified = candidateStore.find(verifiedLater).orElseThrow();
        assertThat(verified.verified()).isTrue();
        assertThat(verified.claim()).as("free once verified").isNull();
        assertThat(index.find(verifiedLater)).isPresent();
        assertThat(candidateStore.find(withdrawn).orElseThrow().withdrawn()).isTrue();
        assertThat(index.find(withdrawn)).isEmpty();
        assertThat(candidateStore.find(moved).orElseThrow().centreIds()).containsExactly("kassel");
        assertThat(index.find(moved).orElseThrow().centreIds()).containsExactly("kassel");
    }

    private CandidateRegistered registered(String id, List<String> centres, boolean verified) {
        return new CandidateRegistered(UUID.randomUUID(), clock.instant(), id,
                new CandidateProfile(personalData.seal(id, CandidateRegistered.TYPE, LocalDate.of(1950, 1, 1)),
                        PriorityGroup.HIGHEST, centres, 20, clock.instant(), verified));
    }

    @Test
    void aProfileOfAnErasedPersonIsSkippedNotDeadLetteredAndNeverEntersThePool() {
        String erased = centre + "-erased";
        keys.create(erased);
        CandidateRegistered sealedBeforeErasure = new CandidateRegistered(UUID.randomUUID(), clock.instant(), erased,
                new CandidateProfile(personalData.seal(erased, CandidateRegistered.TYPE, LocalDate.of(1950, 1, 1)),
                        PriorityGroup.HIGHEST, List.of(centre), 20, clock.instant(), true));
        keys.delete(erased);

        publisher.publish(Topics.CANDIDATES, sealedBeforeErasure);
        // same key, so same partition, after it: once it is applied, the profile before it was dealt with
        publisher.publish(Topics.CANDIDATES, new CandidateWithdrawn(UUID.randomUUID(), clock.instant(), erased,
                CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> candidateStore.find(erased).map(Candidate::withdrawn).orElse(false));
        assertThat(candidateStore.find(erased).orElseThrow().priorityGroup())
                .as("the profile was never applied").isNull();
        assertThat(index.find(erased)).isEmpty();
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        try (Consumer<String, byte[]> deadLetters = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            TopicPartition partition = new TopicPartition(Topics.deadLettersOf(Topics.CANDIDATES.name()), 0);
            deadLetters.assign(List.of(partition));
            deadLetters.seekToBeginning(List.of(partition));
            long end = deadLetters.endOffsets(List.of(partition)).get(partition);
            List<String> keysDeadLettered = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> keysDeadLettered.add(record.key()));
                return deadLetters.position(partition) >= end;
            });
            assertThat(keysDeadLettered).doesNotContain(erased);
        }
    }

    @Test
    void releaseOffersToTheLongestWaitingThenCascadesThroughDeclineAndTimeoutUntilFilled() {
        List<String> candidates = register(20, PriorityGroup.GENERAL);
        // first wave: ceil(2 × (1 + 1/16) / 0.5) = 5 offers, to the five who waited longest
        String releaseId = releasedWithOffers(2, 5);
        assertThat(offers(releaseId)).extracting(OfferDocument::candidateId)
                .containsExactlyInAnyOrderElementsOf(candidates.subList(0, 5));
        assertThat(offers(releaseId)).allSatisfy(offer -> {
            assertThat(offer.wave()).isEqualTo(1);
            assertThat(offer.answerDeadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        });

        // the offer reaches the broker with the token's hash only; the raw token only in the notification
        await().atMost(Duration.ofSeconds(10)).until(() ->
                events(OfferMade.class, Set.of(releaseId)).size() == 5
                        && events(NotificationRequested.class, candidates).size() == 5);
        OfferMade made = events(OfferMade.class, Set.of(releaseId)).get(0);
        NotificationRequested offerMessage = events(NotificationRequested.class, Set.of(made.candidateId())).get(0);
        assertThat(offerMessage.template()).isEqualTo(MessageTemplate.OFFER);
        assertThat(offerMessage.notificationId()).isEqualTo("offer:" + made.offerId());
        // and there sealed with a key of this message only (deleted by the notification service once sent)
        assertThat(offerMessage.parameters()).doesNotContainKey("answerToken");
        String token = messageSecrets.open(offerMessage.eventId().toString(), offerMessage.secrets()).orElseThrow()
                .get("answerToken");
        assertThat(AnswerToken.hashOf(token)).isEqualTo(made.answerTokenHash());
        assertThat(offerMessage.parameters()).containsKeys("offerId", "releaseId", "centreId", "product",
                "windowFrom", "windowTo", "answerDeadline");
        assertThat(mongo.getCollection("offers").find().first().toJson()).doesNotContain(token.substring(0, 20));

        // a decline frees the offer and the next in line are asked at once
        OfferDocument first = offers(releaseId).stream().min(Comparator.comparing(OfferDocument::rank)).orElseThrow();
        answering.answer(answer(first, OfferAnswered.Answer.DECLINE));
        assertThat(offers(releaseId, OfferStatus.DECLINED)).hasSize(1);
        assertThat(candidateStore.find(first.candidateId()).orElseThrow().activeOfferId()).isNull();
        int afterDecline = offers(releaseId).size();
        assertThat(afterDecline).isGreaterThan(5);
        assertThat(offers(releaseId).stream().filter(offer -> offer.wave() == 2))
                .extracting(OfferDocument::candidateId).allMatch(id -> candidates.indexOf(id) >= 5);

        // nobody answers in time: every open offer expires and a new wave goes out
        clock.advance(Duration.ofMinutes(16));
        expiring.expireOverdueOffers();
        assertThat(offers(releaseId, OfferStatus.EXPIRED)).hasSize(afterDecline - 1);
        List<OfferDocument> open = offers(releaseId, OfferStatus.MADE);
        assertThat(open).isNotEmpty().allMatch(offer -> offer.wave() == 3);

        // two accept: both confirmed, the release is filled, the remaining offers are void
        answering.answer(answer(open.get(0), OfferAnswered.Answer.ACCEPT));
        answering.answer(answer(open.get(1), OfferAnswered.Answer.ACCEPT));
        assertThat(offers(releaseId, OfferStatus.CONFIRMED)).hasSize(2);
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);
        assertThat(releaseDoc(releaseId).confirmed()).isEqualTo(2);
        assertThat(offers(releaseId, OfferStatus.MADE)).isEmpty();
        assertThat(offers(releaseId, OfferStatus.VOID)).hasSize(open.size() - 2);
        assertThat(candidateStore.find(open.get(0).candidateId()).orElseThrow().appointmentOfferId())
                .isEqualTo(open.get(0).id());
        assertThat(candidateStore.find(open.get(2).candidateId()).orElseThrow().activeOfferId()).isNull();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(events(OfferConfirmed.class, Set.of(releaseId))).hasSize(2);
            assertThat(events(ReleaseFilled.class, Set.of(releaseId))).hasSize(1);
            assertThat(events(NotificationRequested.class, Set.of(open.get(0).candidateId())))
                    .extracting(NotificationRequested::template).contains(MessageTemplate.CONFIRMATION);
        });

        // a redelivered acceptance changes nothing
        answering.answer(answer(offers(releaseId, OfferStatus.CONFIRMED).get(0), OfferAnswered.Answer.ACCEPT));
        assertThat(releaseDoc(releaseId).confirmed()).isEqualTo(2);
    }

    @Test
    void aWithdrawalWhileOfferedFreesTheOfferAndTheNextCandidateIsAsked() {
        List<String> candidates = register(6, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);

        publisher.publish(Topics.CANDIDATES, new CandidateWithdrawn(UUID.randomUUID(), clock.instant(),
                candidates.get(0), CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE));

        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId, OfferStatus.VOID).size() == 1);
        assertThat(offers(releaseId, OfferStatus.VOID).get(0).candidateId()).isEqualTo(candidates.get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> offers(releaseId, OfferStatus.MADE).size() == 3);
        assertThat(offers(releaseId, OfferStatus.MADE)).extracting(OfferDocument::candidateId)
                .contains(candidates.get(3));
        assertThat(index.find(candidates.get(0))).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                events(OfferExpired.class, Set.of(releaseId))).singleElement()
                .extracting(OfferExpired::reason).isEqualTo(OfferExpired.Reason.CANDIDATE_WITHDRAWN));
    }
}
