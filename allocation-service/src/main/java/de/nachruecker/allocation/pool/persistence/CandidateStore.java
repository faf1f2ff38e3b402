package de.nachruecker.allocation.pool.persistence;

import de.nachruecker.allocation.config.ObsoleteIndexes;
import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.application.Candidates.ProfileChange;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.events.candidate.CandidateProfile;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Candidates in MongoDB and the per-candidate claim. Every conditional write filters on exactly {@code _id} and
 * {@code claim}, which a unique index covers: the embedded MongoDB-protocol server uses an index only when the filter
 * names exactly its keys (otherwise it scans the collection), and real MongoDB serves it from {@code _id} anyway.
 */
@Component
public class CandidateStore implements Candidates {

    private static final int REBUILD_BATCH = 5_000;

    private final MongoTemplate mongo;

    public CandidateStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // the store answers {_id, claim} from the _id index: an {_id, claim} index only costs writes
        ObsoleteIndexes.drop(mongo.indexOps(CandidateDocument.class), "claim_lookup");
        // the orphan sweep's claims older than a cutoff: sparse, since a released claim loses its claimedAt
        mongo.indexOps(CandidateDocument.class).createIndex(new Index()
                .on("claimedAt", Sort.Direction.ASC).sparse().named("claimed_at"));
    }

    /**
     * Applies a profile. Profiles carry the whole state, so applying a redelivered suffix of a partition again (in
     * order) ends in the same state: idempotent without remembering event ids.
     */
    /**
     * One ordered bulk write: per change the profile (an upsert) and then its claim (an unverified candidate holds the
     * claim UNVERIFIED, a verified one is free unless claimed otherwise); then one read of the results.
     */
    @Override
    public List<Candidate> applyProfiles(List<ProfileChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, CandidateDocument.class);
        for (ProfileChange change : changes) {
            CandidateProfile profile = change.profile();
            writes.upsert(byId(change.candidateId()), new Update()
                    .set("birthDate", change.birthDate())
                    .set("priorityGroup", profile.priorityGroup())
                    .set("centreIds", profile.centreIds())
                    .set("maxTravelMinutes", profile.maxTravelMinutes())
                    .set("registeredAt", profile.registeredAt())
                    .set("verified", profile.verified())
                    .setOnInsert("withdrawn", false)
                    .setOnInsert("vaccinated", false)
                    .setOnInsert("claim", profile.verified() ? null : Candidate.UNVERIFIED));
            writes.updateOne(claimedBy(change.candidateId(), profile.verified() ? Candidate.UNVERIFIED : null),
                    new Update().set("claim", profile.verified() ? null : Candidate.UNVERIFIED));
        }
        writes.execute();
        Map<String, Candidate> stored = new HashMap<>();
        mongo.find(Query.query(where("_id").in(changes.stream().map(ProfileChange::candidateId).distinct().toList())),
                CandidateDocument.class).forEach(document -> stored.put(document.id(), document.toCandidate()));
        return changes.stream().map(change -> stored.get(change.candidateId())).toList();
    }

    /**
     * Pseudonymous data is dropped; {@code activeOfferId} stays so that an open offer can still be voided. A
     * withdrawal of a candidate never seen (an erased person whose profiles were skipped) leaves a readable document.
     */
    @Override
    public Candidate applyWithdrawal(String candidateId) {
        return mongo.findAndModify(byId(candidateId), new Update()
                        .set("withdrawn", true)
                        .set("claim", Candidate.WITHDRAWN)
                        .unset("birthDate")
                        .unset("centreIds")
                        .setOnInsert("vaccinated", false)
                        .setOnInsert("verified", false)
                        .setOnInsert("maxTravelMinutes", 0),
                FindAndModifyOptions.options().upsert(true).returnNew(true), CandidateDocument.class).toCandidate();
    }

    /** Claims the candidate for an offer of a release at {@code centreId}: only if they are free and still fit. */
    @Override
    public boolean claim(String candidateId, String offerId, String releaseId, String centreId, Instant now) {
        CandidateDocument claimed = mongo.findAndModify(claimedBy(candidateId, null),
                claimUpdate(offerId, releaseId, now), FindAndModifyOptions.options().returnNew(true),
                CandidateDocument.class);
        if (claimed == null) {
            return false;
        }
        if (!claimed.toCandidate().canBeOfferedAt(centreId)) {
            release(candidateId, offerId);
            return false;
        }
        return true;
    }

    /**
     * The claims as one unordered bulk of the conditional updates {@link #claim} makes, then one read of the
     * candidates: a bulk's result does not say which of its updates matched, and each claimed candidate must still fit
     * its centre (a claim that does not is freed again, as {@link #claim} does). A single claim is {@link #claim}.
     */
    @Override
    public Set<String> claimAll(List<Claim> claims) {
        if (claims.size() == 1) {
            return Candidates.super.claimAll(claims);
        }
        Set<String> claimed = new HashSet<>();
        if (claims.isEmpty()) {
            return claimed;
        }
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CandidateDocument.class);
        claims.forEach(claim -> writes.updateOne(claimedBy(claim.candidateId(), null), claimUpdate(claim.offerId(),
                claim.releaseId(), claim.now())));
        writes.execute();
        Map<String, Candidate> stored = new HashMap<>();
        mongo.find(Query.query(where("_id").in(claims.stream().map(Claim::candidateId).toList())),
                CandidateDocument.class).forEach(document -> stored.put(document.id(), document.toCandidate()));
        for (Claim claim : claims) {
            Candidate candidate = stored.get(claim.candidateId());
            if (candidate == null || !claim.offerId().equals(candidate.claim())) {
                continue;
            }
            if (candidate.canBeOfferedAt(claim.centreId())) {
                claimed.add(claim.offerId());
            } else {
                release(claim.candidateId(), claim.offerId());
            }
        }
        return claimed;
    }

    private static Update claimUpdate(String offerId, String releaseId, Instant now) {
        return new Update().set("claim", offerId).set("activeOfferId", offerId).set("claimedAt", now)
                .set("claimReleaseId", releaseId);
    }

    /**
     * Frees the candidate if {@code offerId} still holds the claim; safe to repeat. Called only for offers that end
     * without a dose, so an appointment by that offer cannot be right and goes too.
     */
    @Override
    public void release(String candidateId, String offerId) {
        mongo.updateFirst(claimedBy(candidateId, offerId),
                new Update().set("claim", null).set("activeOfferId", null).unset("claimedAt").unset("claimReleaseId")
                        .unset("appointmentOfferId"),
                CandidateDocument.class);
    }

    /**
     * The claim becomes a confirmed appointment: the candidate leaves the pool until the centre records the arrival.
     * Only for an offer that is CONFIRMED already (whose claim nothing else frees).
     */
    @Override
    public void holdAppointment(String candidateId, String offerId) {
        mongo.updateFirst(claimedBy(candidateId, offerId), new Update().set("appointmentOfferId", offerId),
                CandidateDocument.class);
    }

    /** Vaccinated: out of the pool for good (the rebuild skips them too). Safe to repeat. */
    @Override
    public void markVaccinated(String candidateId) {
        mongo.updateFirst(byId(candidateId), new Update().set("vaccinated", true), CandidateDocument.class);
    }

    /**
     * The appointment of {@code offerId} was missed: the candidate is free again, with their waiting time. Only while
     * that appointment still holds the claim, so safe to repeat.
     *
     * @return the candidate after the change, or empty if the appointment did not hold the claim (any more)
     */
    @Override
    public Optional<Candidate> missedAppointment(String candidateId, String offerId) {
        return Optional.ofNullable(mongo.findAndModify(claimedBy(candidateId, offerId),
                new Update().set("claim", null).set("activeOfferId", null).unset("claimedAt")
                        .unset("claimReleaseId").unset("appointmentOfferId"),
                FindAndModifyOptions.options().returnNew(true), CandidateDocument.class))
                .map(CandidateDocument::toCandidate);
    }

    @Override
    public Optional<Candidate> find(String candidateId) {
        return Optional.ofNullable(mongo.findById(candidateId, CandidateDocument.class))
                .map(CandidateDocument::toCandidate);
    }

    @Override
    public void forEachPoolMember(Consumer<Candidate> action) {
        Query members = Query.query(where("verified").is(true).and("withdrawn").is(false).and("vaccinated").is(false)
                        .and("appointmentOfferId").is(null))
                // the embedded server answers in one reply unless asked for batches, and replies are capped at 48 MB
                .cursorBatchSize(REBUILD_BATCH);
        mongo.stream(members, CandidateDocument.class).map(CandidateDocument::toCandidate).forEach(action);
    }

    /**
     * Claims made in [{@code from}, {@code before}) that have not become an appointment, for the orphan check: a range
     * on the sparse {@code claimed_at} index, here and on MongoDB.
     */
    @Override
    public List<Candidate> claimedBetween(Instant from, Instant before) {
        Criteria claimedAt = where("claimedAt").lt(before);
        if (from != null) {
            claimedAt.gte(from);
        }
        Query claims = Query.query(where("activeOfferId").ne(null).and("appointmentOfferId").is(null))
                .addCriteria(claimedAt);
        return mongo.find(claims, CandidateDocument.class).stream().map(CandidateDocument::toCandidate).toList();
    }

    private static Query byId(String candidateId) {
        return Query.query(where("_id").is(candidateId));
    }

    private static Query claimedBy(String candidateId, String claim) {
        return Query.query(where("_id").is(candidateId).and("claim").is(claim));
    }
}
