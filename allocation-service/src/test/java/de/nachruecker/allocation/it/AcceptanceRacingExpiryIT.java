package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.ClosingOffers;
import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferExpired;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterConvertEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acceptance racing the expiry sweep (or another end of the offer), reproduced deterministically: the test steps in
 * on the accepting thread between the grant (release document) and the confirmation (offer document), at its next
 * reading of the clock, and on the sweeping thread just after it read the release. A yes given in time ends CONFIRMED
 * holding its dose whatever the sweep read; an offer that another end overtakes gives the dose back and frees the
 * candidate — never both, never neither.
 */
class AcceptanceRacingExpiryIT extends AllocationIntegrationTest {

    @Autowired
    OfferingDoses offering;
    @Autowired
    ClosingOffers closing;
    @Autowired
    OfferStore offerStore;

    /**
     * A yes given before the deadline is granted a dose on the release; before the acceptance can confirm the offer,
     * the expiry sweep runs (the deadline has passed meanwhile). The sweep must respect the grant: the offer ends
     * CONFIRMED with its dose, and the candidate holds the appointment.
     */
    @Test
    void anAcceptanceGrantedJustBeforeTheSweepRunsEndsConfirmed() {
        Race race = acceptanceGrantedThen(offer -> expiring.expireOverdueOffers());
        String releaseId = race.releaseId();
        OfferDocument offer = race.offer();

        answering.answer(race.yesInTime());

        assertThat(statusOf(offer)).isEqualTo(OfferStatus.CONFIRMED);
        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(release.confirmed()).isEqualTo(1);
        assertThat(release.dosesLeft()).isZero();
        assertThat(release.status()).isEqualTo(ReleaseStatus.FILLED);
        Candidate candidate = candidateStore.find(offer.candidateId()).orElseThrow();
        assertThat(candidate.claim()).isEqualTo(offer.id());
        assertThat(candidate.appointmentOfferId()).isEqualTo(offer.id());
        assertThat(index.find(offer.candidateId())).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(events(OfferConfirmed.class, List.of(releaseId))).extracting(OfferConfirmed::offerId)
                    .containsExactly(offer.id());
            assertThat(messages(offer.candidateId(), MessageTemplate.CONFIRMATION)).hasSize(1);
        });
        assertThat(events(OfferExpired.class, List.of(releaseId))).extracting(OfferExpired::offerId)
                .doesNotContain(offer.id());
    }

    /**
     * The sweep reads the overdue offer and its release just before an acceptance given in time records its yes and
     * is granted the dose; the sweep's expiry comes after the grant, the acceptance's confirmation after that. The
     * sweep must leave the offer to the acceptance: it ends CONFIRMED with its dose, the candidate holds the
     * appointment and is not told "too late".
     */
    @Test
    void aSweepThatReadTheReleaseJustBeforeTheGrantDoesNotExpireAYesGivenInTime() throws Exception {
        // one candidate, so that the sweep reads this release only for this offer
        List<String> candidates = register(1, PriorityGroup.GENERAL);
        String releaseId = storedRelease(1);
        offering.nextWave(releaseId);
        OfferDocument offer = offerOf(releaseId, candidates.get(0));
        OfferAnswered yesInTime = answer(offer, OfferAnswered.Answer.ACCEPT);
        clock.set(offer.answerDeadline().plusSeconds(1)); // given before the deadline, processed after it

        CountDownLatch granted = new CountDownLatch(1);
        CountDownLatch swept = new CountDownLatch(1);
        ExecutorService acceptingThread = Executors.newSingleThreadExecutor();
        AtomicReference<Future<?>> acceptance = new AtomicReference<>();
        Thread sweepingThread = Thread.currentThread();
        try {
            // once the sweep has read the release (no grant yet), the acceptance runs up to just after its grant
            withMongoHook(new AbstractMongoEventListener<ReleaseDocument>() {
                @Override
                public void onAfterConvert(AfterConvertEvent<ReleaseDocument> event) {
                    if (Thread.currentThread() == sweepingThread && event.getSource().id().equals(releaseId)
                            && acceptance.get() == null) {
                        acceptance.set(acceptingThread.submit(() -> {
                            clock.onceOnThisThread(() -> releaseDoc(releaseId).granted(offer.id()), () -> {
                                granted.countDown();
                                awaitLatch(swept);
                            });
                            answering.answer(yesInTime);
                        }));
                        awaitLatch(granted);
                    }
                }
            }, expiring::expireOverdueOffers);
        } finally {
            swept.countDown();
            acceptingThread.shutdown();
        }
        assertThat(acceptance.get()).as("the sweep read the release").isNotNull();
        acceptance.get().get(10, TimeUnit.SECONDS);

        assertThat(statusOf(offer)).isEqualTo(OfferStatus.CONFIRMED);
        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(release.confirmed()).isEqualTo(1);
        assertThat(release.returnedOfferIds()).doesNotContain(offer.id());
        assertThat(release.status()).isEqualTo(ReleaseStatus.FILLED);
        assertThat(candidateStore.find(offer.candidateId()).orElseThrow().appointmentOfferId()).isEqualTo(offer.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(messages(offer.candidateId(), MessageTemplate.CONFIRMATION)).hasSize(1));
        assertThat(messages(offer.candidateId(), MessageTemplate.TOO_LATE)).isEmpty();
        assertThat(events(OfferExpired.class, List.of(releaseId))).extracting(OfferExpired::offerId)
                .doesNotContain(offer.id());
    }

    /**
     * A yes given in time was recorded, and then its acceptance stopped before the grant (a crash; its redelivery
     * not come yet). The sweep after the deadline does not expire the offer but finishes the acceptance.
     */
    @Test
    void theSweepHonoursAYesRecordedInTimeWhoseAcceptanceStoppedBeforeItsGrant() {
        List<String> candidates = register(3, PriorityGroup.GENERAL);
        String releaseId = storedRelease(1);
        offering.nextWave(releaseId);
        OfferDocument offer = offerOf(releaseId, candidates.get(0));
        assertThat(offerStore.recordAcceptance(offer.id(), clock.instant())).isTrue();

        clock.set(offer.answerDeadline().plusSeconds(1));
        expiring.expireOverdueOffers();

        assertThat(statusOf(offer)).isEqualTo(OfferStatus.CONFIRMED);
        assertThat(releaseDoc(releaseId).confirmed()).isEqualTo(1);
        assertThat(candidateStore.find(offer.candidateId()).orElseThrow().appointmentOfferId()).isEqualTo(offer.id());
    }

    /**
     * The grant races another end of the offer: a decline from another device takes the offer out of MADE between
     * the grant and the confirmation. The offer then ends DECLINED, its dose goes back to the release (once, also
     * when the acceptance is redelivered), and the candidate is free, in the index and told at once that the dose
     * is gone — never a dose that nobody holds.
     */
    @Test
    void anAcceptanceGrantedWhileADeclineEndsTheOfferGivesTheDoseBack() {
        Race race = acceptanceGrantedThen(offer -> closing.decline(offer.toOffer()));
        String releaseId = race.releaseId();
        OfferDocument offer = race.offer();

        answering.answer(race.yesInTime());
        answering.answer(race.yesInTime()); // redelivered

        assertThat(statusOf(offer)).isEqualTo(OfferStatus.DECLINED);
        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(release.confirmed()).isZero();
        assertThat(release.dosesLeft()).isEqualTo(1);
        assertThat(release.status()).isEqualTo(ReleaseStatus.OPEN);
        assertThat(release.openOffers()).doesNotContain(offer.id());
        Candidate candidate = candidateStore.find(offer.candidateId()).orElseThrow();
        assertThat(candidate.claim()).isNull();
        assertThat(candidate.activeOfferId()).isNull();
        assertThat(candidate.appointmentOfferId()).isNull();
        assertThat(candidate.poolMember()).isTrue();
        assertThat(index.find(offer.candidateId())).isPresent();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(messages(offer.candidateId(), MessageTemplate.TOO_LATE)).isNotEmpty());
        assertThat(messages(offer.candidateId(), MessageTemplate.CONFIRMATION)).isEmpty();
        assertThat(events(OfferConfirmed.class, List.of(releaseId))).isEmpty();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other side of the race did not get there");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private record Race(String releaseId, OfferDocument offer, OfferAnswered yesInTime) {
    }

    /**
     * A one-dose release offered to the best of three candidates, who says yes in time; once the accepting thread
     * has been granted the dose, the clock passes the deadline and {@code meanwhile} runs before the confirmation.
     */
    private Race acceptanceGrantedThen(Consumer<OfferDocument> meanwhile) {
        List<String> candidates = register(3, PriorityGroup.GENERAL);
        String releaseId = storedRelease(1);
        offering.nextWave(releaseId);
        OfferDocument offer = offerOf(releaseId, candidates.get(0));
        OfferAnswered yesInTime = answer(offer, OfferAnswered.Answer.ACCEPT);
        clock.onceOnThisThread(() -> releaseDoc(releaseId).granted(offer.id()), () -> {
            clock.set(offer.answerDeadline().plusSeconds(1));
            meanwhile.accept(offer);
        });
        return new Race(releaseId, offer, yesInTime);
    }
}
