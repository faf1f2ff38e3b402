package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.support.outbox.OutboxRelay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores declare the indexes of their periodic queries and drop the {@code {_id, …}} unique indexes that earlier
 * versions created only for the stock embedded server's planner (a store of an earlier version still has them).
 */
class StoreIndexesIT extends AllocationIntegrationTest {

    @Autowired
    OutboxRelay relay;

    @Test
    void storesCreateTheSweepsIndexesAndDropTheObsoleteIdLookups() {
        mongo.indexOps(OfferDocument.class).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).unique().named("status_lookup"));
        mongo.indexOps(CandidateDocument.class).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("claim", Sort.Direction.ASC).unique().named("claim_lookup"));

        new OfferStore(mongo, relay);
        new CandidateStore(mongo);
        new ReleaseStore(mongo, relay, releaseLeases);

        assertThat(names(OfferDocument.class)).contains("open_by_deadline", "unannounced")
                .doesNotContain("status_lookup", "unanswered_lookup", "unannounced_lookup");
        assertThat(names(CandidateDocument.class)).contains("claimed_at").doesNotContain("claim_lookup");
        assertThat(names(ReleaseDocument.class)).contains("by_status");
    }

    private List<String> names(Class<?> document) {
        return mongo.indexOps(document).getIndexInfo().stream().map(IndexInfo::getName).toList();
    }
}
