package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferExpired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A wave writing its offers while their release ends, reproduced deterministically: the test steps in on the wave's
 * thread just before the offer documents are inserted (after the candidate was claimed and the offer counted on the
 * release) and fills the release there.
 */
class OfferAfterReleaseEndedIT extends AllocationIntegrationTest {

    @Autowired
    OfferingDoses offering;
    @Autowired
    MeterRegistry meters;

    /**
     * A wave has claimed a candidate and counted the offer on the release; before the offer document is written, the
     * last dose is confirmed (an offer of the wave before) and the release fills, whose voiding cannot see the offer
     * yet. The offer must not stay
     * open, its message must not be requested, and the candidate must be free again.
     */
    @Test
    void anOfferWrittenAfterItsReleaseFilledIsVoidedAndNeverAnnounced() {
        Race race = secondOfferWrittenAfterTheReleaseFilled();
        String releaseId = race.releaseId();
        List<String> candidates = race.candidates();
        String late = candidates.get(3);
        OfferDocument lateOffer = offerOf(releaseId, late);
        assertThat(lateOffer.status()).isEqualTo(OfferStatus.VOID);
        assertThat(releaseDoc(releaseId).openOffers()).isEmpty();
        assertThat(offers(releaseId, OfferStatus.MADE)).isEmpty();
        Candidate candidate = candidateStore.find(late).orElseThrow();
        assertThat(candidate.claim()).isNull();
        assertThat(candidate.activeOfferId()).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(events(OfferExpired.class, List.of(releaseId)))
                    .filteredOn(expired -> expired.offerId().equals(lateOffer.id()))
                    .extracting(OfferExpired::reason).containsExactly(OfferExpired.Reason.RELEASE_FILLED);
            // the other candidate's messages went out (same relay), so the late one's would have by now
            assertThat(messages(candidates.get(0), MessageTemplate.OFFER)).hasSize(1);
            assertThat(messages(candidates.get(0), MessageTemplate.CONFIRMATION)).hasSize(1);
            assertThat(mongo.findById(lateOffer.id(), OfferDocument.class).outbox()).isEmpty();
        });
        assertThat(messages(late, MessageTemplate.OFFER)).isEmpty();
    }

    /**
     * The offer voided by its own wave right after its write was never sent: it counts neither as made nor as void
     * (one offer, one outcome), but as unsent. The first wave's three offers went out: one confirmed, one declined,
     * one voided as the release filled.
     */
    @Test
    void anOfferVoidedRightAfterItsWriteIsCountedAsUnsentNotAsMadeAndVoid() {
        secondOfferWrittenAfterTheReleaseFilled();

        assertThat(offerCount("made")).isEqualTo(3);
        assertThat(offerCount("confirmed")).isEqualTo(1);
        assertThat(offerCount("declined")).isEqualTo(1);
        assertThat(offerCount("void")).isEqualTo(1);
        assertThat(offerCount("unsent")).isEqualTo(1);
    }

    /** @param candidates in rank order */
    private record Race(String releaseId, List<String> candidates) {
    }

    /**
     * A one-dose release for four candidates: the first wave's three offers go out; the second declines, and just
     * before the next wave's offer (to the fourth) is inserted, the first candidate accepts and the release fills.
     */
    private Race secondOfferWrittenAfterTheReleaseFilled() {
        List<String> candidates = register(4, PriorityGroup.GENERAL);
        String releaseId = storedRelease(1);
        offering.nextWave(releaseId);
        assertThat(offers(releaseId)).extracting(OfferDocument::candidateId)
                .containsExactlyInAnyOrderElementsOf(candidates.subList(0, 3));
        String late = candidates.get(3);
        Thread wave = Thread.currentThread();
        AtomicBoolean filled = new AtomicBoolean();
        whenOfferIsAboutToBeInserted(offer -> wave == Thread.currentThread() && offer.candidateId().equals(late)
                && filled.compareAndSet(false, true), () -> {
            OfferDocument first = offerOf(releaseId, candidates.get(0));
            answering.answer(answer(first, OfferAnswered.Answer.ACCEPT));
            assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);
        }, () -> answering.answer(answer(offerOf(releaseId, candidates.get(1)), OfferAnswered.Answer.DECLINE)));
        assertThat(filled).as("the release filled between reservation and insert").isTrue();
        return new Race(releaseId, candidates);
    }

    /** The offers of this test's centre counted as {@code outcome} (0 if the counter never appeared). */
    private double offerCount(String outcome) {
        Counter counter = meters.find("allocation.offers." + outcome).tag("centre", centre).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Runs {@code work}; the first time an offer matching {@code when} is about to be inserted, runs {@code action}. */
    private void whenOfferIsAboutToBeInserted(Predicate<OfferDocument> when, Runnable action, Runnable work) {
        withMongoHook(new AbstractMongoEventListener<OfferDocument>() {
            @Override
            public void onBeforeSave(BeforeSaveEvent<OfferDocument> event) {
                if (when.test(event.getSource())) {
                    action.run();
                }
            }
        }, work);
    }
}
