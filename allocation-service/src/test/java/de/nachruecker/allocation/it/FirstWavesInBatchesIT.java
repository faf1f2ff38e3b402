package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.release.application.ReleasingDoses;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferMade;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The first waves of a poll's new releases are made together (one claim bulk for all of them): a candidate still goes
 * to one wave only, and a claim the bulk finds taken leads that wave to its next candidate.
 */
class FirstWavesInBatchesIT extends AllocationIntegrationTest {

    @Autowired
    ReleasingDoses releasing;

    @Test
    void theReleasesOfOneBatchNeverOfferTheSameCandidateWhenThePoolIsShort() {
        List<String> pool = register(4, PriorityGroup.GENERAL);
        // three one-dose releases want three offers each: nine offers wanted, four candidates
        List<String> releaseIds = releaseTogether(3);

        List<OfferDocument> made = offersOf(releaseIds);
        assertThat(made).hasSize(4);
        assertThat(made).extracting(OfferDocument::candidateId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(pool);
        assertThat(made).allSatisfy(offer -> assertThat(candidateStore.find(offer.candidateId()).orElseThrow()
                .claim()).as("the claim is the offer's").isEqualTo(offer.id()));
        assertThat(offers(releaseIds.get(0))).as("the first release's wave takes the best three").hasSize(3);
    }

    @Test
    void aClaimTheBulkFindsTakenLeadsItsWaveToItsNextCandidate() {
        List<String> pool = register(10, PriorityGroup.GENERAL);
        // claimed by another instance's wave, which this instance's index does not know of yet
        String takenElsewhere = pool.get(0);
        mongo.updateFirst(Query.query(where("_id").is(takenElsewhere)), new Update().set("claim", "elsewhere")
                .set("activeOfferId", "elsewhere"), CandidateDocument.class);

        List<String> releaseIds = releaseTogether(3);

        List<OfferDocument> made = offersOf(releaseIds);
        assertThat(made).hasSize(9).extracting(OfferDocument::candidateId).doesNotHaveDuplicates()
                .doesNotContain(takenElsewhere);
        // the first wave took the three best, was refused the first and then took the one no other wave took
        assertThat(offers(releaseIds.get(0))).extracting(OfferDocument::candidateId)
                .containsExactlyInAnyOrder(pool.get(1), pool.get(2), pool.get(9));
        assertThat(candidateStore.find(takenElsewhere).orElseThrow().claim()).isEqualTo("elsewhere");
    }

    /**
     * A batch's waves are made together, but each release's offers and their message requests belong to the work that
     * published that release: they carry its record's correlation id, not the batch's nor a neighbour's.
     */
    @Test
    void eachReleasesOffersCarryTheCorrelationIdOfItsOwnRecord() {
        register(6, PriorityGroup.GENERAL);
        List<String> publishedBy = List.of("operator-request-a", "operator-request-b");

        List<String> releaseIds = releaseTogether(publishedBy);

        for (int i = 0; i < releaseIds.size(); i++) {
            String releaseId = releaseIds.get(i);
            List<String> candidateIds = offers(releaseId).stream().map(OfferDocument::candidateId).toList();
            assertThat(candidateIds).isNotEmpty();
            List<OfferMade> made = await().atMost(Duration.ofSeconds(20)).until(
                    () -> events(OfferMade.class, List.of(releaseId)), found -> found.size() == candidateIds.size());
            List<NotificationRequested> requested = await().atMost(Duration.ofSeconds(20)).until(
                    () -> events(NotificationRequested.class, candidateIds),
                    found -> found.size() == candidateIds.size());
            assertThat(made).extracting(event -> correlationIds.get(event.eventId()))
                    .containsOnly(publishedBy.get(i));
            assertThat(requested).extracting(event -> correlationIds.get(event.eventId()))
                    .containsOnly(publishedBy.get(i));
        }
    }

    private List<String> releaseTogether(int releases) {
        return releaseTogether(Collections.nCopies(releases, null));
    }

    /** One poll of one-dose releases, each published by the work of its correlation id ({@code null}: none). */
    private List<String> releaseTogether(List<String> correlationIds) {
        Instant now = clock.instant();
        List<ReleasingDoses.Received> poll = new ArrayList<>();
        for (String correlationId : correlationIds) {
            poll.add(new ReleasingDoses.Received(new DosesReleased(UUID.randomUUID(), now, "r-" + UUID.randomUUID(),
                    centre, "COMIRNATY", 1, new AppointmentWindow(now, now.plus(Duration.ofHours(4))),
                    now.plus(Duration.ofHours(6))), correlationId));
        }
        releasing.handleAll(poll, System.nanoTime());
        return poll.stream().map(received -> ((DosesReleased) received.event()).releaseId()).toList();
    }

    private List<OfferDocument> offersOf(List<String> releaseIds) {
        return releaseIds.stream().flatMap(releaseId -> offers(releaseId).stream()).toList();
    }
}
