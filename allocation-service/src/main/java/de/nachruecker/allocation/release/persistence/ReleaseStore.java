package de.nachruecker.allocation.release.persistence;

import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseCorrected;
import de.nachruecker.support.persistence.BulkInserts;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/** Releases in MongoDB; every method is one single-document atomic write with its outgoing events. */
@Component
public class ReleaseStore implements Releases {

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final ReleaseLeases leases;

    public ReleaseStore(MongoTemplate mongo, OutboxRelay relay, ReleaseLeases leases) {
        this.mongo = mongo;
        this.relay = relay;
        this.leases = leases;
        // the vial clock's open releases every few seconds (and the ops page's at-risk and wasted-today lists): the
        // releases of a status, not every release ever published
        mongo.indexOps(ReleaseDocument.class).createIndex(new Index()
                .on("status", Sort.Direction.ASC).on("usableUntil", Sort.Direction.ASC).named("by_status"));
    }

    /**
     * One unordered bulk insert: each new release is inserted on its own, a release stored before is refused by the
     * {@code _id} index (a redelivered event) and the others are stored anyway.
     */
    @Override
    public List<ReleaseLedger> createAll(List<DosesReleased> released, Instant now) {
        Map<String, ReleaseDocument> fresh = new LinkedHashMap<>();
        released.forEach(event -> fresh.putIfAbsent(event.releaseId(), leased(event, now)));
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<ReleaseDocument> documents = List.copyOf(fresh.values());
        Set<Integer> refused = BulkInserts.insertAll(mongo, ReleaseDocument.class, documents);
        List<ReleaseLedger> created = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (!refused.contains(i)) {
                created.add(documents.get(i).toLedger());
            }
        }
        return created;
    }

    private ReleaseDocument leased(DosesReleased released, Instant now) {
        return new ReleaseDocument(released.releaseId(), released.centreId(), released.product(),
                released.doseCount(), released.doseCount(), 0, released.window().from(), released.window().to(),
                released.usableUntil(), ReleaseStatus.OPEN, 0, 0, 0, List.of(), List.of(), List.of(), false, now,
                null, List.of(released.eventId().toString()), List.of(), List.of(), leases.owner(),
                leases.until(now), false);
    }

    @Override
    public Optional<ReleaseLedger> find(String releaseId) {
        return Optional.ofNullable(mongo.findById(releaseId, ReleaseDocument.class)).map(ReleaseDocument::toLedger);
    }

    @Override
    public List<ReleaseLedger> open() {
        return ledgers(Query.query(where("status").is(ReleaseStatus.OPEN)));
    }

    /** Open releases whose usable-until comes before {@code instant} (the ops page's "at risk"). */
    @Override
    public List<ReleaseLedger> openUsableUntilBefore(Instant instant) {
        return ledgers(Query.query(where("status").is(ReleaseStatus.OPEN).and("usableUntil").lte(instant)));
    }

    /** Releases that expired with usable-until at or after {@code instant} (the ops page's "wasted today"). */
    @Override
    public List<ReleaseLedger> expiredSince(Instant instant) {
        return ledgers(Query.query(where("status").is(ReleaseStatus.EXPIRED).and("usableUntil").gte(instant)));
    }

    private List<ReleaseLedger> ledgers(Query query) {
        return mongo.find(query, ReleaseDocument.class).stream().map(ReleaseDocument::toLedger).toList();
    }

    /** The offer was reserved but never written (offered before, or a crash in between): it is not open. */
    @Override
    public void dropOffers(String releaseId, Collection<String> offerIds) {
        if (!offerIds.isEmpty()) {
            mongo.updateFirst(Query.query(where("_id").is(releaseId)),
                    new Update().pullAll("openOfferIds", offerIds.toArray()), ReleaseDocument.class);
        }
    }

    /**
     * The grant: one dose to {@code offerId} if any is left, atomically and at most once per offer, and only while
     * the release still counts the offer as open: an offer whose end was counted ({@link #closeOffer}) gets no dose.
     *
     * @return the release after the grant, or empty if no dose was left, the offer was granted before or its end
     *         was counted already
     */
    @Override
    public Optional<ReleaseLedger> grant(String releaseId, String offerId) {
        Query grantable = Query.query(where("_id").is(releaseId).and("status").is(ReleaseStatus.OPEN)
                .and("dosesLeft").gt(0).and("grantedOfferIds").ne(offerId).and("openOfferIds").is(offerId));
        Update grant = new Update().inc("dosesLeft", -1).inc("confirmed", 1).inc("accepted", 1).inc("answered", 1)
                .addToSet("grantedOfferIds", offerId).pull("openOfferIds", offerId);
        return Optional.ofNullable(mongo.findAndModify(grantable, grant,
                FindAndModifyOptions.options().returnNew(true), ReleaseDocument.class)).map(ReleaseDocument::toLedger);
    }

    /**
     * An offer ended without a grant; counted once, because only the first call finds it open.
     *
     * @param answered whether it counts as an answer for the acceptance rate (the citizen could see it)
     * @param accepted whether that answer was a yes (that came too late)
     * @return false if the release did not count the offer as open (any more): its end was counted before, or it
     *         was granted a dose
     */
    @Override
    public boolean closeOffer(String releaseId, String offerId, boolean answered, boolean accepted) {
        Update close = new Update().pull("openOfferIds", offerId);
        if (answered) {
            close.inc("answered", 1);
        }
        if (accepted) {
            close.inc("accepted", 1);
        }
        return mongo.updateFirst(Query.query(where("_id").is(releaseId).and("openOfferIds").is(offerId)), close,
                ReleaseDocument.class).getModifiedCount() == 1;
    }

    /**
     * The status alone (a small read: the release document carries the ids of every offer made for it).
     *
     * @return empty if there is no such release
     */
    @Override
    public Optional<ReleaseStatus> statusOf(String releaseId) {
        Query byId = Query.query(where("_id").is(releaseId));
        byId.fields().include("status");
        return Optional.ofNullable(mongo.findOne(byId, StatusView.class, ReleaseDocument.COLLECTION))
                .map(StatusView::status);
    }

    record StatusView(String id, ReleaseStatus status) {
    }

    /** Leaves OPEN for {@code status} with the events that report it; false if it was not open any more. */
    @Override
    public boolean finish(String releaseId, ReleaseStatus status, List<PendingEvent> events) {
        Query open = Query.query(where("_id").is(releaseId).and("status").is(ReleaseStatus.OPEN));
        if (status == ReleaseStatus.FILLED) {
            open.addCriteria(where("dosesLeft").is(0));
        }
        boolean changed = mongo.updateFirst(open, new Update().set("status", status)
                .push(OutboxRelay.FIELD).each(events.toArray()), ReleaseDocument.class).getModifiedCount() == 1;
        if (changed) {
            relay.relayAsync(ReleaseDocument.COLLECTION, releaseId);
        }
        return changed;
    }

    /** Marks the release as reported at risk, once. */
    @Override
    public boolean reportAtRisk(String releaseId, PendingEvent event) {
        boolean changed = mongo.updateFirst(
                Query.query(where("_id").is(releaseId).and("status").is(ReleaseStatus.OPEN)
                        .and("atRiskReported").is(false)),
                new Update().set("atRiskReported", true).push(OutboxRelay.FIELD, event),
                ReleaseDocument.class).getModifiedCount() == 1;
        if (changed) {
            relay.relayAsync(ReleaseDocument.COLLECTION, releaseId);
        }
        return changed;
    }

    /**
     * Applies a correction unless the confirmed count or the status moved meanwhile (then the caller reads again and
     * retries). A correction that fills the open release reports it in the same write, as {@link #finish} does; the
     * status is pinned, so that a filled release corrected and still filled reports no second fill.
     *
     * @param filled the event reporting the fill, pushed only if this correction takes the release from OPEN to FILLED
     * @return false if {@code seen} is outdated, or ended (withdrawn, expired): an ended release is not corrected
     */
    @Override
    public boolean correct(ReleaseLedger seen, ReleaseCorrected correction, PendingEvent filled) {
        if (seen.status() != ReleaseStatus.OPEN && seen.status() != ReleaseStatus.FILLED) {
            return false;
        }
        int dosesLeft = Math.max(0, correction.doseCount() - seen.confirmed());
        ReleaseStatus status = dosesLeft > 0 ? ReleaseStatus.OPEN : ReleaseStatus.FILLED;
        boolean fills = status == ReleaseStatus.FILLED && seen.status() == ReleaseStatus.OPEN;
        Query unchanged = Query.query(where("_id").is(seen.id()).and("confirmed").is(seen.confirmed())
                .and("status").is(seen.status())
                .and("processedEventIds").ne(correction.eventId().toString()));
        Update update = new Update().set("doseCount", correction.doseCount()).set("dosesLeft", dosesLeft)
                .set("status", status).set("windowFrom", correction.window().from())
                .set("windowTo", correction.window().to()).set("usableUntil", correction.usableUntil())
                .set("atRiskReported", false)
                .push("processedEventIds").slice(-20).each(correction.eventId().toString());
        if (fills) {
            update.push(OutboxRelay.FIELD, filled);
        }
        boolean changed = mongo.updateFirst(unchanged, update, ReleaseDocument.class).getModifiedCount() == 1;
        if (changed && fills) {
            relay.relayAsync(ReleaseDocument.COLLECTION, seen.id());
        }
        return changed;
    }

    /**
     * Returns the dose of {@code offerId} — whose candidate missed the appointment, or whose offer ended without being
     * confirmed after the grant — unless the release changed since it was read (then the caller reads again and
     * retries) or the dose came back before.
     *
     * @param after the release as {@link Release#withDoseReturned()} computed it from {@code seen}
     * @return false if {@code seen} is outdated or the dose was returned before
     */
    @Override
    public boolean returnDose(ReleaseLedger seen, Release after, String offerId) {
        Query unchanged = Query.query(where("_id").is(seen.id()).and("confirmed").is(seen.confirmed())
                .and("doseCount").is(seen.doseCount()).and("status").is(seen.status())
                .and("grantedOfferIds").is(offerId).and("returnedOfferIds").ne(offerId));
        Update update = new Update().set("confirmed", after.confirmed()).set("dosesLeft", after.dosesLeft())
                .set("status", after.status()).addToSet("returnedOfferIds", offerId);
        return mongo.updateFirst(unchanged, update, ReleaseDocument.class).getModifiedCount() == 1;
    }

    @Override
    public boolean withdraw(String releaseId) {
        return mongo.updateFirst(Query.query(where("_id").is(releaseId).and("status").is(ReleaseStatus.OPEN)),
                new Update().set("status", ReleaseStatus.WITHDRAWN), ReleaseDocument.class).getModifiedCount() == 1;
    }
}
