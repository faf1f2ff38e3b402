package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.ClosingOffers;
import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferExpired;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An acceptance racing the expiry sweep, reproduced deterministically: the test steps in on the accepting thread
 * between the grant (release document) and the confirmation (offer document), at its next reading of the clock, and
 * runs the sweep there. Whatever the order, the offer ends either CONFIRMED holding its dose or EXPIRED with the dose
 * back on the release and the candidate free — never both, never neither.
 */
class AcceptanceRacingExpiryIT extends AllocationIntegrationTest {

    @Autowired
    OfferingDoses offering;
    @Autowired
    ClosingOffers closing;

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
        CandidateDocument candidate = candidateStore.find(offer.candidateId()).orElseThrow();
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
     * Same race, other order: a sweep that read the release before the grant expires the offer after it. The offer
     * then ends EXPIRED, its dose goes back to the release (once, also when the acceptance is redelivered), and the
     * candidate is free, in the index and told at once that the dose is gone — never a dose that nobody holds.
     */
    @Test
    void anAcceptanceGrantedWhileAStaleSweepExpiresTheOfferGivesTheDoseBack() {
        // the sweep's step after its stale read
        Race race = acceptanceGrantedThen(offer -> closing.expire(offer, OfferExpired.Reason.DEADLINE_PASSED));
        String releaseId = race.releaseId();
        OfferDocument offer = race.offer();

        answering.answer(race.yesInTime());
        answering.answer(race.yesInTime()); // redelivered

        assertThat(statusOf(offer)).isEqualTo(OfferStatus.EXPIRED);
        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(release.confirmed()).isZero();
        assertThat(release.dosesLeft()).isEqualTo(1);
        assertThat(release.status()).isEqualTo(ReleaseStatus.OPEN);
        assertThat(release.openOffers()).doesNotContain(offer.id());
        CandidateDocument candidate = candidateStore.find(offer.candidateId()).orElseThrow();
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
