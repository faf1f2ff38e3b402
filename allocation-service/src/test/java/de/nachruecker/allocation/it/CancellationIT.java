package de.nachruecker.allocation.it;

import de.nachruecker.allocation.arrival.application.RecordingArrivals;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.offer.AppointmentCancelled;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferCancelled;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The citizen cancels a confirmed appointment; and a yes that lost the race for the last dose is too late, not void. */
class CancellationIT extends AllocationIntegrationTest {

    @Autowired
    RecordingArrivals arrivals;
    @Autowired
    OfferStore offerStore;
    @Autowired
    MeterRegistry meters;

    @Test
    void aCancelledAppointmentGivesTheDoseBackSendsTheNextWaveAndFreesTheCandidate() {
        List<String> candidates = register(6, PriorityGroup.GENERAL);
        String releaseId = release(1);
        OfferDocument confirmed = oneDoseConfirmed(releaseId);
        String reference = AppointmentReference.of(confirmed.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(events(OfferConfirmed.class, List.of(releaseId))).singleElement()
                    .extracting(OfferConfirmed::reference).isEqualTo(reference);
            assertThat(messages(confirmed.candidateId(), MessageTemplate.CONFIRMATION)).singleElement()
                    .satisfies(message -> assertThat(message.parameters()).containsEntry("reference", reference));
        });

        AppointmentCancelled cancelled = new AppointmentCancelled(UUID.randomUUID(), clock.instant(), confirmed.id(),
                releaseId, confirmed.candidateId());
        publisher.publish(Topics.OFFER_ANSWERS, cancelled);

        assertTheDoseWentToTheNextWave(releaseId, candidates);
        assertThat(statusOf(confirmed)).isEqualTo(OfferStatus.CANCELLED);
        Candidate freed = candidateStore.find(confirmed.candidateId()).orElseThrow();
        assertThat(freed.claim()).isNull();
        assertThat(freed.appointmentOfferId()).isNull();
        assertThat(index.find(confirmed.candidateId())).isPresent();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(OfferCancelled.class, List.of(releaseId))).singleElement().satisfies(event -> {
                    assertThat(event.offerId()).isEqualTo(confirmed.id());
                    assertThat(event.reference()).isEqualTo(reference);
                }));

        // redelivered, sent again with a new id, or followed by the centre's "missed": the dose came back once
        int openBefore = offers(releaseId, OfferStatus.MADE).size();
        arrivals.cancel(cancelled);
        arrivals.cancel(new AppointmentCancelled(UUID.randomUUID(), clock.instant(), confirmed.id(), releaseId,
                confirmed.candidateId()));
        arrivals.record(new CandidateMissedAppointment(UUID.randomUUID(), clock.instant(), releaseId, confirmed.id(),
                confirmed.candidateId(), centre));
        assertThat(statusOf(confirmed)).isEqualTo(OfferStatus.CANCELLED);
        assertThat(releaseDoc(releaseId).dosesLeft()).isEqualTo(1);
        assertThat(releaseDoc(releaseId).returnedOfferIds()).containsExactly(confirmed.id());
        assertThat(offers(releaseId, OfferStatus.MADE)).hasSize(openBefore);
        assertThat(events(OfferCancelled.class, List.of(releaseId))).hasSize(1);
    }

    @Test
    void aCancellationRacingTheCentresMissedRecordEndsTheAppointmentOnceAndReturnsOneDose() throws Exception {
        register(4, PriorityGroup.GENERAL);
        for (int round = 0; round < 4; round++) {
            String releaseId = release(1);
            await().atMost(Duration.ofSeconds(15)).until(() -> !offers(releaseId).isEmpty());
            OfferDocument confirmed = offers(releaseId).get(0);
            answering.answer(answer(confirmed, OfferAnswered.Answer.ACCEPT));
            assertThat(statusOf(confirmed)).isEqualTo(OfferStatus.CONFIRMED);

            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                awaitBarrier(start);
                arrivals.cancel(new AppointmentCancelled(UUID.randomUUID(), clock.instant(), confirmed.id(),
                        releaseId, confirmed.candidateId()));
            });
            CompletableFuture<Void> missed = CompletableFuture.runAsync(() -> {
                awaitBarrier(start);
                arrivals.record(new CandidateMissedAppointment(UUID.randomUUID(), clock.instant(), releaseId,
                        confirmed.id(), confirmed.candidateId(), centre));
            });
            CompletableFuture.allOf(cancel, missed).get();

            assertThat(statusOf(confirmed)).isIn(OfferStatus.CANCELLED, OfferStatus.MISSED);
            assertThat(releaseDoc(releaseId).dosesLeft()).isEqualTo(1);
            assertThat(releaseDoc(releaseId).confirmed()).isZero();
            assertThat(releaseDoc(releaseId).returnedOfferIds()).containsExactly(confirmed.id());
            // the next confirmation takes the returned dose, and nobody gets a second one
            await().atMost(Duration.ofSeconds(15)).until(() -> !offers(releaseId, OfferStatus.MADE).isEmpty());
            offers(releaseId, OfferStatus.MADE).forEach(offer ->
                    answering.answer(answer(offer, OfferAnswered.Answer.ACCEPT)));
            assertThat(offers(releaseId, OfferStatus.CONFIRMED)).hasSize(1);
            assertThat(releaseDoc(releaseId).dosesLeft()).isZero();
            // free everyone for the next round
            offers(releaseId, OfferStatus.CONFIRMED).forEach(offer -> arrivals.cancel(new AppointmentCancelled(
                    UUID.randomUUID(), clock.instant(), offer.id(), releaseId, offer.candidateId())));
            releaseStore.find(releaseId).ifPresent(release -> offers(releaseId, OfferStatus.MADE)
                    .forEach(offer -> answering.answer(answer(offer, OfferAnswered.Answer.DECLINE))));
        }
    }

    @Test
    void aCancellationAfterTheVialClockRanOutOffersNothingAndTheDoseExpires() {
        register(3, PriorityGroup.GENERAL);
        String releaseId = release(1, Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> !offers(releaseId).isEmpty());
        OfferDocument confirmed = offers(releaseId).get(0);
        answering.answer(answer(confirmed, OfferAnswered.Answer.ACCEPT));
        clock.advance(Duration.ofHours(2));
        vialClock.watch();

        arrivals.cancel(new AppointmentCancelled(UUID.randomUUID(), clock.instant(), confirmed.id(), releaseId,
                confirmed.candidateId()));

        assertThat(statusOf(confirmed)).isEqualTo(OfferStatus.CANCELLED);
        assertThat(offers(releaseId, OfferStatus.MADE)).as("nobody can arrive before usable-until").isEmpty();
        assertThat(candidateStore.find(confirmed.candidateId()).orElseThrow().claim()).isNull();
        vialClock.watch();
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.EXPIRED);
        assertThat(releaseDoc(releaseId).dosesLeft()).isEqualTo(1);
    }

    @Test
    void aYesRecordedInTimeThatLostTheLastDoseIsTooLateAndCountsAsAYes() {
        register(3, PriorityGroup.GENERAL);
        String releaseId = release(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId).size() >= 2);
        List<OfferDocument> made = offers(releaseId);
        OfferDocument loser = made.get(0);
        OfferDocument winner = made.get(1);
        double tooLateBefore = tooLateCount();
        // the loser's yes is recorded on its offer, but its grant has not run yet when the winner takes the dose
        assertThat(offerStore.recordAcceptance(loser.id(), clock.instant())).isTrue();
        answering.answer(answer(winner, OfferAnswered.Answer.ACCEPT));

        assertThat(statusOf(winner)).isEqualTo(OfferStatus.CONFIRMED);
        assertThat(statusOf(loser)).isEqualTo(OfferStatus.REJECTED_TOO_LATE);
        assertThat(releaseDoc(releaseId).accepted()).isEqualTo(2);
        assertThat(tooLateCount()).isEqualTo(tooLateBefore + 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(events(OfferRejectedTooLate.class, List.of(releaseId)))
                    .extracting(OfferRejectedTooLate::offerId).containsExactly(loser.id());
            assertThat(events(OfferExpired.class, List.of(releaseId)))
                    .extracting(OfferExpired::offerId).doesNotContain(loser.id());
            assertThat(messages(loser.candidateId(), MessageTemplate.TOO_LATE)).hasSize(1);
        });
        // the acceptance itself, arriving now, is told too late once more under the same notification id
        answering.answer(answer(loser, OfferAnswered.Answer.ACCEPT));
        assertThat(statusOf(loser)).isEqualTo(OfferStatus.REJECTED_TOO_LATE);
    }

    private double tooLateCount() {
        return meters.find("allocation.offers.rejected-too-late").tag("centre", centre).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
