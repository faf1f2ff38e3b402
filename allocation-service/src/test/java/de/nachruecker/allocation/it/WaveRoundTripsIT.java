package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.allocation.release.application.ReleasingDoses;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a wave costs the database, counted at the driver (issue 17): the lease taken and let go, the let-go being the
 * status read after the offers are written, and the outboxes of all the wave's offers emptied with one write.
 */
class WaveRoundTripsIT extends AllocationIntegrationTest {

    @Autowired
    OfferingDoses offering;
    @Autowired
    MongoCommands commands;
    @Autowired
    ReleasingDoses releasing;

    @Test
    void aWaveReadsTheStatusWithTheLetGoOfItsLeaseAndEmptiesItsOffersOutboxesWithOneWrite() {
        register(6, PriorityGroup.GENERAL);
        String releaseId = storedRelease(2);
        commands.clear();

        assertThat(offering.nextWave(releaseId)).isEqualTo(5);
        List<String> offerIds = offers(releaseId).stream().map(OfferDocument::id).toList();
        // read by release, not by id: a find naming the offers is what the check below looks for
        await().atMost(Duration.ofSeconds(10)).until(() -> offers(releaseId).stream()
                .allMatch(offer -> offer.outbox().isEmpty()));

        assertThat(commands.naming("releases", "find", List.of(releaseId))).as("no status read of its own").isEmpty();
        assertThat(commands.naming("releases", "findAndModify", List.of(releaseId))).as("lease taken, let go")
                .hasSize(2);
        // the relay sends what the message request wrote without reading it (the periodic outbox sweep, which would
        // take these offers along with a read of its own, does not run in these tests)
        assertThat(commands.naming("offers", "find", offerIds)).as("no outbox read").isEmpty();
        assertThat(commands.naming("offers", "update", offerIds))
                .as("the message requests (one bulk) and the relay's removal of what the broker took (one bulk)")
                .hasSize(2);
    }

    /**
     * A poll of new releases is planned as one batch: the releases stored with one write, every first wave's claims,
     * reservations, message keys, offers, let-gos and message requests each sent once for all of them.
     */
    @Test
    void aPollOfOneDoseReleasesCostsAFewRoundTripsForAllOfThem() {
        int releases = 20;
        List<String> candidateIds = register(3 * releases, PriorityGroup.GENERAL);
        Instant now = clock.instant();
        List<ReleaseEvent> poll = new ArrayList<>();
        for (int i = 0; i < releases; i++) {
            poll.add(new DosesReleased(UUID.randomUUID(), now, "r-" + UUID.randomUUID(), centre, "COMIRNATY", 1,
                    new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(Duration.ofHours(6))));
        }
        List<String> releaseIds = poll.stream().map(event -> ((DosesReleased) event).releaseId()).toList();
        commands.clear();

        releasing.handleAll(poll.stream().map(event -> new ReleasingDoses.Received(event, null)).toList(),
                System.nanoTime());
        // what handling the poll sent (the reads below are the test's own)
        List<MongoCommands.Sent> handling = commands.all();

        assertThat(releaseIds).allSatisfy(releaseId -> assertThat(offers(releaseId)).isNotEmpty());
        List<String> offerIds = releaseIds.stream().flatMap(releaseId -> offers(releaseId).stream())
                .map(OfferDocument::id).toList();
        List<MongoCommands.Sent> sent = MongoCommands.namingAny(handling, Stream.of(releaseIds, offerIds,
                candidateIds).flatMap(List::stream).toList());
        // store, claim, read the claims, reserve, keys, offers, let go, read the statuses, request the messages (nine
        // measured); one release at a time, each cost nine and the relay's removal (three claims, six more steps)
        assertThat(sent).as("round trips for %d releases", releases).hasSizeLessThanOrEqualTo(releases * 3 / 2);
        // and the relay takes all of the poll's offers out of their outboxes with one write
        await().atMost(Duration.ofSeconds(10)).until(() -> releaseIds.stream().flatMap(id -> offers(id).stream())
                .allMatch(offer -> offer.outbox().isEmpty()));
        long requests = MongoCommands.namingAny(handling, offerIds).stream()
                .filter(command -> command.name().equals("update") && command.collection().equals("offers")).count();
        assertThat(commands.naming("offers", "update", offerIds).size() - requests).as("the relay's removal")
                .isBetween(1L, 2L);
    }
}
