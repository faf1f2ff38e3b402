package de.nachruecker.allocation.release.persistence;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.release.application.WaveLeases;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The wave lease of a release: only the instance holding it plans offers for the release, so several instances never
 * top up the same release at once. A new release is stored already leased to the instance that stores it (its first
 * wave follows at once); later it is taken with one findAndModify (owner + expiry). It is let go after each wave
 * (a wave that wrote offers lets go right after the write, and the let-go's findAndModify is its status read); an owner
 * that dies holding it loses it at expiry, and any instance's next sweep takes over. Every write that adds an offer to
 * the release is fenced by the owner ({@link #reserveOffers}): once another instance has taken the lease over, an owner
 * that was merely paused cannot add offers any more, so the open offers never exceed what one wave plan allows.
 */
@Component
public class ReleaseLeases implements WaveLeases {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration duration;
    /** Readable for ops (process and host) and unique per start. */
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public ReleaseLeases(MongoTemplate mongo, Clock clock, AllocationProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.duration = properties.leaseDuration();
    }

    public String owner() {
        return owner;
    }

    /** When a lease taken (or renewed) at {@code now} runs out. */
    Instant until(Instant now) {
        return now.plus(duration);
    }

    /**
     * Takes the lease if the release is open and the lease free or expired.
     *
     * @return the release as it stands under the lease (plan from this, not from an earlier read), or empty
     */
    @Override
    public Optional<ReleaseLedger> acquire(String releaseId) {
        Instant now = clock.instant();
        Query free = Query.query(where("_id").is(releaseId).and("status").is(ReleaseStatus.OPEN)
                .orOperator(where("leaseUntil").lt(now), where("leaseUntil").is(null)));
        return Optional.ofNullable(mongo.findAndModify(free,
                new Update().set("leaseOwner", owner).set("leaseUntil", until(now)),
                FindAndModifyOptions.options().returnNew(true), ReleaseDocument.class)).map(ReleaseDocument::toLedger);
    }

    /** Asks whoever holds the lease to plan once more before letting go: something changed while it planned. */
    @Override
    public void requestWave(String releaseId) {
        mongo.updateFirst(Query.query(where("_id").is(releaseId)), new Update().set("wavePending", true),
                ReleaseDocument.class);
    }

    /**
     * Lets go of the lease, reading the release's status and {@code wavePending} as they were just before (projected:
     * the document carries the ids of every offer made for the release).
     */
    @Override
    public Optional<LetGo> letGo(String releaseId) {
        Query held = Query.query(where("_id").is(releaseId).and("leaseOwner").is(owner));
        held.fields().include("status", "wavePending");
        LeaseView before = mongo.findAndModify(held,
                new Update().set("leaseOwner", null).set("leaseUntil", Instant.EPOCH).set("wavePending", false),
                LeaseView.class, ReleaseDocument.COLLECTION);
        return Optional.ofNullable(before)
                .map(view -> new LetGo(view.status(), Boolean.TRUE.equals(view.wavePending())));
    }

    record LeaseView(String id, ReleaseStatus status, Boolean wavePending) {
    }

    /**
     * One update lets go of every lease of these releases this instance holds and no wave is requested on, then one
     * read (after that write) gives each release's status and who holds its lease. A lease still held had a wave
     * requested (set after the wave was planned): it is let go on its own ({@link #letGo}), which hands the request
     * on. A lease held by another instance was taken over (the request, if any, belongs to that one), and the status
     * read is the read after the write the caller needs. A single lease is {@link #letGo}.
     */
    @Override
    public Map<String, LetGo> letGoAll(Collection<String> releaseIds) {
        if (releaseIds.size() <= 1) {
            return WaveLeases.super.letGoAll(releaseIds);
        }
        mongo.updateMulti(Query.query(where("_id").in(releaseIds).and("leaseOwner").is(owner).and("wavePending")
                .ne(true)), new Update().set("leaseOwner", null).set("leaseUntil", Instant.EPOCH),
                ReleaseDocument.class);
        Query after = Query.query(where("_id").in(releaseIds));
        after.fields().include("status", "leaseOwner");
        Map<String, LetGo> found = new HashMap<>();
        for (HolderView view : mongo.find(after, HolderView.class, ReleaseDocument.COLLECTION)) {
            if (owner.equals(view.leaseOwner())) {
                letGo(view.id()).ifPresent(letGo -> found.put(view.id(), letGo));
            } else {
                found.put(view.id(), new LetGo(view.status(), false));
            }
        }
        return found;
    }

    record HolderView(String id, ReleaseStatus status, String leaseOwner) {
    }

    /**
     * Counts a wave's offers as open before they are written, records the wave's number and renews the lease: only
     * while this instance holds the lease and the release is open.
     *
     * @return false if the lease was taken over or the release closed: the wave stops
     */
    @Override
    public boolean reserveOffers(String releaseId, int wave, Map<String, String> candidateByOfferId,
                                 Instant firstMadeAt) {
        return mongo.updateFirst(underLease(releaseId), reservation(wave, candidateByOfferId, firstMadeAt,
                until(clock.instant())), ReleaseDocument.class).getModifiedCount() == 1;
    }

    /**
     * One unordered bulk of the fenced updates {@link #reserveOffers} makes; if fewer matched than were sent (a lease
     * taken over, a release ended), one read tells which releases count their offers open. A single reservation is
     * {@link #reserveOffers}.
     */
    @Override
    public Set<String> reserveAll(List<Reservation> reservations) {
        if (reservations.size() <= 1) {
            return WaveLeases.super.reserveAll(reservations);
        }
        Instant leaseUntil = until(clock.instant());
        BulkOperations writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ReleaseDocument.class);
        reservations.forEach(each -> writes.updateOne(underLease(each.releaseId()),
                reservation(each.wave(), each.candidateByOfferId(), each.firstMadeAt(), leaseUntil)));
        List<String> releaseIds = reservations.stream().map(Reservation::releaseId).toList();
        if (writes.execute().getModifiedCount() == reservations.size()) {
            return new HashSet<>(releaseIds);
        }
        // the offer ids are new: a release that lists any of them took its whole reservation in one write
        Query carrying = Query.query(where("_id").in(releaseIds).and("openOfferIds").in(reservations.stream()
                .flatMap(each -> each.candidateByOfferId().keySet().stream()).toList()));
        carrying.fields().include("_id");
        Set<String> reserved = new HashSet<>();
        mongo.find(carrying, HolderView.class, ReleaseDocument.COLLECTION).forEach(view -> reserved.add(view.id()));
        return reserved;
    }

    private static Update reservation(int wave, Map<String, String> candidateByOfferId, Instant firstMadeAt,
                                      Instant leaseUntil) {
        return new Update().max("wave", wave)
                .addToSet("openOfferIds").each(candidateByOfferId.keySet().toArray())
                .addToSet("offeredCandidateIds").each(candidateByOfferId.values().toArray())
                .min("firstOfferAt", firstMadeAt).set("leaseUntil", leaseUntil);
    }

    /** {@link #reserveOffers} for one offer. */
    public boolean reserveOffer(String releaseId, int wave, String offerId, String candidateId, Instant now) {
        return reserveOffers(releaseId, wave, Map.of(offerId, candidateId), now);
    }

    private Query underLease(String releaseId) {
        return Query.query(where("_id").is(releaseId).and("status").is(ReleaseStatus.OPEN).and("leaseOwner")
                .is(owner));
    }
}
