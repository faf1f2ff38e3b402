package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.support.testing.AtOnce;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AllocationConcurrencyIT extends AllocationIntegrationTest {

    /** How long a race may take before the test fails. */
    private static final Duration RACE = Duration.ofSeconds(60);

    @Autowired
    OfferingDoses offering;

    @Test
    void concurrentAcceptancesForTheLastDoseConfirmExactlyOne() throws Exception {
        register(8, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);
        List<OfferDocument> open = offers(releaseId);

        AtOnce.run(RACE, open.stream().<Runnable>map(offer ->
                () -> answering.answer(answer(offer, OfferAnswered.Answer.ACCEPT))).toList());

        assertThat(offers(releaseId, OfferStatus.CONFIRMED)).hasSize(1);
        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(release.confirmed()).isEqualTo(1);
        assertThat(release.dosesLeft()).isZero();
        assertThat(release.status()).isEqualTo(ReleaseStatus.FILLED);
        assertThat(offers(releaseId, OfferStatus.MADE)).isEmpty();
        String winner = offers(releaseId, OfferStatus.CONFIRMED).get(0).candidateId();
        List<String> losers = open.stream().map(OfferDocument::candidateId).filter(id -> !id.equals(winner)).toList();
        // whoever came too late is told at once and is free for the next release
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                events(NotificationRequested.class, losers).stream()
                        .filter(message -> message.template() == MessageTemplate.TOO_LATE)
                        .map(NotificationRequested::candidateId).distinct()).hasSize(2));
        assertThat(losers).allSatisfy(id ->
                assertThat(candidateStore.find(id).orElseThrow().activeOfferId()).isNull());
    }

    @Test
    void twoReleasesCompetingForTheSameCandidatesNeverGiveOneCandidateTwoOpenOffers() throws Exception {
        List<String> candidates = register(10, PriorityGroup.GENERAL);
        List<String> releaseIds = List.of(storedRelease(3), storedRelease(3));
        int made = AtOnce.call(RACE, releaseIds.stream().<Callable<Integer>>map(releaseId ->
                () -> offering.nextWave(releaseId)).toList()).stream().mapToInt(Integer::intValue).sum();

        List<OfferDocument> all = Stream.concat(offers(releaseIds.get(0)).stream(),
                offers(releaseIds.get(1)).stream()).toList();
        assertThat(all).hasSize(made);
        // ceil(3 × (1 + 1/16) / 0.5) = 7 wanted per release, but only 10 candidates exist
        assertThat(made).isEqualTo(10);
        Map<String, Long> openPerCandidate = all.stream().filter(offer -> offer.status() == OfferStatus.MADE)
                .collect(Collectors.groupingBy(OfferDocument::candidateId, Collectors.counting()));
        assertThat(openPerCandidate.values()).allMatch(count -> count == 1);
        assertThat(openPerCandidate.keySet()).containsExactlyInAnyOrderElementsOf(candidates);
        Map<String, String> claims = candidates.stream().collect(Collectors.toMap(Function.identity(),
                id -> candidateStore.find(id).orElseThrow().activeOfferId()));
        assertThat(claims.values()).containsExactlyInAnyOrderElementsOf(all.stream().map(OfferDocument::id).toList());
    }

    /**
     * The simulated day's priority inversions, reproduced: while one release's wave walks the ranking, another
     * release's wave (started a moment later) claims candidates the first one has not reached yet. The first wave
     * rightly skips them (one open offer at a time), but its later offers carried the wave's start time, so their
     * candidates looked asked before the skipped ones were busy: "a higher-ranked candidate, free and never asked".
     * Every offer must be stamped no earlier than the offers that kept the candidates ranked above it busy.
     */
    @Test
    void aCandidateAnotherWaveClaimsMidWaveHeldThatOfferBeforeTheLowerRankedOffersOfThisWave() {
        List<String> ranked = register(6, PriorityGroup.GENERAL); // June: unprioritised, waiting time alone
        String walking = storedRelease(1);
        String competing = storedRelease(1);
        // once the walking wave has claimed its first candidate, the competing release's wave runs, 1 s later
        clock.onceOnThisThread(() -> candidateStore.find(ranked.get(0)).orElseThrow().activeOfferId() != null, () -> {
            clock.advance(Duration.ofSeconds(1));
            offering.nextWave(competing);
        });

        offering.nextWave(walking);

        List<OfferDocument> walkingOffers = offers(walking);
        List<OfferDocument> competingOffers = offers(competing);
        assertThat(competingOffers).as("the competing wave ran in the middle").isNotEmpty();
        // ceil(1 × (1 + 1/16) / 0.5) = 3 offers each; the walking wave skipped who the competing one had claimed
        assertThat(walkingOffers).hasSize(3);
        Map<String, OfferDocument> walkingByCandidate = walkingOffers.stream()
                .collect(Collectors.toMap(OfferDocument::candidateId, Function.identity()));
        List<OfferDocument> all = Stream.concat(walkingOffers.stream(), competingOffers.stream()).toList();
        for (OfferDocument lower : walkingOffers) {
            for (String higher : ranked.subList(0, ranked.indexOf(lower.candidateId()))) {
                if (walkingByCandidate.containsKey(higher)) {
                    continue;
                }
                assertThat(all).as("%s, ranked above %s and not asked for %s, held an offer made by %s", higher,
                                lower.candidateId(), walking, lower.madeAt())
                        .anySatisfy(busy -> {
                            assertThat(busy.candidateId()).isEqualTo(higher);
                            assertThat(busy.status()).isEqualTo(OfferStatus.MADE);
                            assertThat(busy.madeAt()).isBeforeOrEqualTo(lower.madeAt());
                        });
            }
        }
    }
}
