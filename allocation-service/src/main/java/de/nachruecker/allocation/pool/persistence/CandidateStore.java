package de.nachruecker.allocation.pool.persistence;

import de.nachruecker.events.candidate.CandidateProfile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Candidates in MongoDB: profiles applied once per event id, and the per-candidate claim. */
@Component
public class CandidateStore {

    private static final int REMEMBERED_EVENT_IDS = 20;

    private final MongoTemplate mongo;

    public CandidateStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return the candidate after the change, or empty if the event was applied before */
    public Optional<CandidateDocument> applyProfile(String candidateId, String eventId, CandidateProfile profile) {
        return apply(candidateId, eventId, new Update()
                .set("birthDate", profile.birthDate())
                .set("priorityGroup", profile.priorityGroup())
                .set("centreIds", profile.centreIds())
                .set("maxTravelMinutes", profile.maxTravelMinutes())
                .set("registeredAt", profile.registeredAt())
                .set("verified", profile.verified())
                .setOnInsert("withdrawn", false)
                .setOnInsert("vaccinated", false)
                .setOnInsert("activeOfferId", null));
    }

    /** Pseudonymous data is dropped; the claim stays so that an open offer can still be freed. */
    public Optional<CandidateDocument> applyWithdrawal(String candidateId, String eventId) {
        return apply(candidateId, eventId, new Update()
                .set("withdrawn", true)
                .unset("birthDate")
                .unset("centreIds")
                .setOnInsert("vaccinated", false)
                .setOnInsert("activeOfferId", null));
    }

    private Optional<CandidateDocument> apply(String candidateId, String eventId, Update update) {
        Query notYetApplied = Query.query(where("_id").is(candidateId).and("processedEventIds").ne(eventId));
        update.push("processedEventIds").slice(-REMEMBERED_EVENT_IDS).each(eventId);
        try {
            return Optional.ofNullable(mongo.findAndModify(notYetApplied, update,
                    FindAndModifyOptions.options().upsert(true).returnNew(true), CandidateDocument.class));
        } catch (DuplicateKeyException alreadyApplied) {
            return Optional.empty();
        }
    }

    /** Claims the candidate for an offer at {@code centreId}: succeeds only if they are free and still fit. */
    public boolean claim(String candidateId, String offerId, String centreId, Instant now) {
        Query free = Query.query(where("_id").is(candidateId).and("activeOfferId").is(null)
                .and("verified").is(true).and("withdrawn").is(false).and("vaccinated").is(false)
                .and("centreIds").is(centreId));
        return mongo.updateFirst(free, new Update().set("activeOfferId", offerId).set("claimedAt", now),
                CandidateDocument.class).getModifiedCount() == 1;
    }

    /** Frees the candidate if {@code offerId} still holds the claim; safe to repeat. */
    public void release(String candidateId, String offerId) {
        mongo.updateFirst(claimedBy(candidateId, offerId),
                new Update().set("activeOfferId", null).unset("claimedAt"), CandidateDocument.class);
    }

    /** The claim becomes a confirmed appointment: the candidate leaves the pool. */
    public void markVaccinated(String candidateId, String offerId) {
        mongo.updateFirst(claimedBy(candidateId, offerId), new Update().set("vaccinated", true),
                CandidateDocument.class);
    }

    public Optional<CandidateDocument> find(String candidateId) {
        return Optional.ofNullable(mongo.findById(candidateId, CandidateDocument.class));
    }

    public void forEachPoolMember(Consumer<CandidateDocument> action) {
        Query members = Query.query(where("verified").is(true).and("withdrawn").is(false).and("vaccinated").is(false));
        members.fields().exclude("processedEventIds");
        mongo.stream(members, CandidateDocument.class).forEach(action);
    }

    /** Claims older than {@code before} that have not become an appointment, for the orphan check. */
    public List<CandidateDocument> claimedBefore(Instant before) {
        Query old = Query.query(where("activeOfferId").ne(null).and("vaccinated").is(false)
                .and("claimedAt").lt(before));
        old.fields().include("_id", "activeOfferId", "claimedAt");
        return mongo.find(old, CandidateDocument.class);
    }

    private static Query claimedBy(String candidateId, String offerId) {
        return Query.query(Criteria.where("_id").is(candidateId).and("activeOfferId").is(offerId));
    }
}
