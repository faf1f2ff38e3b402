package de.nachruecker.allocation.it;

import de.nachruecker.allocation.arrival.application.RecordingArrivals;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.Topics;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.offer.OfferAnswered;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ArrivalsIT extends AllocationIntegrationTest {

    @Autowired
    RecordingArrivals arrivals;

    @Test
    void aMissedAppointmentFreesTheDoseForTheNextWaveAndReturnsTheCandidateToThePool() {
        List<String> candidates = register(6, PriorityGroup.GENERAL);
        String releaseId = release(1);
        OfferDocument confirmed = oneDoseConfirmed(releaseId);

        CandidateMissedAppointment missed = new CandidateMissedAppointment(UUID.randomUUID(), clock.instant(),
                releaseId, confirmed.id(), confirmed.candidateId(), centre);
        publisher.publish(Topics.ARRIVALS, missed);

        // the next wave goes to those not asked yet; the no-show is not offered the same dose again
        assertTheDoseWentToTheNextWave(releaseId, candidates);
        assertThat(offers(releaseId, OfferStatus.MISSED)).extracting(OfferDocument::id).containsExactly(confirmed.id());
        Candidate noShow = candidateStore.find(confirmed.candidateId()).orElseThrow();
        assertThat(noShow.claim()).isNull();
        assertThat(noShow.appointmentOfferId()).isNull();
        assertThat(noShow.poolMember()).isTrue();
        assertThat(index.find(confirmed.candidateId())).isPresent();

        // the same news again (redelivered, or sent twice with a new event id) changes nothing
        int openBefore = offers(releaseId, OfferStatus.MADE).size();
        arrivals.record(missed);
        arrivals.record(new CandidateMissedAppointment(UUID.randomUUID(), clock.instant(), releaseId,
                confirmed.id(), confirmed.candidateId(), centre));
        assertThat(releaseDoc(releaseId).dosesLeft()).isEqualTo(1);
        assertThat(releaseDoc(releaseId).confirmed()).isZero();
        assertThat(releaseDoc(releaseId).returnedOfferIds()).containsExactly(confirmed.id());
        assertThat(offers(releaseId, OfferStatus.MADE)).hasSize(openBefore);

        // and the no-show, first in waiting time, is offered the next release
        String next = release(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> !offers(next).isEmpty());
        assertThat(offers(next)).extracting(OfferDocument::candidateId).contains(confirmed.candidateId());
    }

    @Test
    void aVaccinatedCandidateLeavesThePoolForGood() {
        register(3, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);
        OfferDocument confirmed = firstRanked(releaseId);
        answering.answer(answer(confirmed, OfferAnswered.Answer.ACCEPT));

        publisher.publish(Topics.ARRIVALS, new CandidateVaccinated(UUID.randomUUID(), clock.instant(), releaseId,
                confirmed.id(), confirmed.candidateId(), centre));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                offers(releaseId, OfferStatus.VACCINATED).size() == 1);
        assertThat(candidateStore.find(confirmed.candidateId()).orElseThrow().vaccinated()).isTrue();
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);

        // a missed-appointment message after the vaccination is refused
        arrivals.record(new CandidateMissedAppointment(UUID.randomUUID(), clock.instant(), releaseId,
                confirmed.id(), confirmed.candidateId(), centre));
        // a rebuild of the index from MongoDB (what a restart does) leaves them out
        List<String> rebuilt = new ArrayList<>();
        candidateStore.forEachPoolMember(candidate -> rebuilt.add(candidate.id()));
        assertThat(rebuilt).doesNotContain(confirmed.candidateId());

        String next = release(3);
        await().atMost(Duration.ofSeconds(15)).until(() -> offers(next).size() == 2);
        assertThat(offers(next)).extracting(OfferDocument::candidateId).doesNotContain(confirmed.candidateId());
        assertThat(offers(releaseId, OfferStatus.VACCINATED)).hasSize(1);
        assertThat(releaseDoc(releaseId).confirmed()).isEqualTo(1);
    }
}
