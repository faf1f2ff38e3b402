package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;

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
}
