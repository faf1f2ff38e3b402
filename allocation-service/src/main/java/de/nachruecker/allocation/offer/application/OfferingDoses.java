package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.OfferContext;
import de.nachruecker.allocation.offer.model.OfferPlanner;
import de.nachruecker.allocation.offer.model.Wave;
import de.nachruecker.allocation.offer.model.WaveSizingPolicy;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.application.WaveLeases;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.support.correlation.CorrelationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans the waves of offers for a release: under the release's lease ({@link WaveLeases}, so instances never top up
 * the same release at once), as many offers as {@link WaveSizingPolicy} asks for, to the best eligible candidates of
 * the in-memory index. {@link MakingOffers} makes the wave's offers, and its claims decide who is free; the first waves
 * of a poll's new releases are made together ({@link #firstWaves}).
 */
@Service
public class OfferingDoses {

    private static final Logger log = LoggerFactory.getLogger(OfferingDoses.class);

    private final Releases releases;
    private final WaveLeases leases;
    private final CandidateIndex index;
    private final KeepingRules rules;
    private final OfferPlanner planner;
    private final WaveSizingPolicy sizing;
    private final BusyCandidates busy;
    private final MakingOffers making;
    private final AllocationMetrics metrics;
    private final Clock clock;
    /** One wave at a time per release within this instance (threads wait); across instances the lease decides. */
    private final ConcurrentHashMap<String, Object> releaseLocks = new ConcurrentHashMap<>();

    public OfferingDoses(Releases releases, WaveLeases leases, CandidateIndex index, KeepingRules rules,
                         OfferPlanner planner, WaveSizingPolicy sizing, BusyCandidates busy, MakingOffers making,
                         AllocationMetrics metrics, Clock clock) {
        this.releases = releases;
        this.leases = leases;
        this.index = index;
        this.rules = rules;
        this.planner = planner;
        this.sizing = sizing;
        this.busy = busy;
        this.making = making;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The vial clock's top-up of a release it has just read: takes the lease only if that read already says a wave
     * could be wanted — the sizing asks for offers and the index holds an eligible candidate — decided in memory.
     * With thousands of open releases and most of them fully offered, taking and letting go of each lease every sweep
     * was most of this service's database round trips. The lease stays the authority: a wave that goes out is planned
     * from the release as {@code acquire} returns it.
     *
     * @return how many offers went out
     */
    public int topUp(ReleaseLedger seen) {
        if (!mayWantWave(seen)) {
            return 0;
        }
        return nextWave(seen.id(), System.nanoTime(), false);
    }

    /** @return how many offers went out */
    public int nextWave(String releaseId) {
        return nextWave(releaseId, System.nanoTime(), false);
    }

    /**
     * The first wave of a new release, which was stored under this instance's lease (no write to take it);
     * {@code receivedNanos} starts the first-offer latency clock.
     *
     * @return how many offers went out
     */
    public int firstWave(ReleaseLedger created, long receivedNanos) {
        return firstWaves(List.of(created), Map.of(), receivedNanos);
    }

    /**
     * The first waves of new releases (distinct, each stored under this instance's lease), planned as one batch: each
     * step of making them is one database round trip for all of them ({@link MakingOffers#offerAll}), and a candidate
     * goes to one of them only. A release whose wave was requested again meanwhile gets its next waves one by one,
     * as any release does. No other thread of this instance plans these releases meanwhile: the lease is held from
     * their creation, so a change asks for another wave ({@code wavePending}) instead.
     *
     * @param correlationIds by release id, the work that published it (its offers' events carry it); a release
     *                       without one belongs to this thread's work
     * @return how many offers went out
     */
    public int firstWaves(List<ReleaseLedger> created, Map<String, String> correlationIds, long receivedNanos) {
        List<HeldLease> held = created.stream().map(release -> new HeldLease(leases, release.id())).toList();
        Map<String, Integer> made = new HashMap<>();
        try {
            List<MakingOffers.Plan> plans = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                plan(created.get(i), held.get(i), correlationIds.get(created.get(i).id())).ifPresent(plans::add);
            }
            List<MakingOffers.Outcome> outcomes = plans.isEmpty() ? List.of() : making.offerAll(plans);
            for (int i = 0; i < plans.size(); i++) {
                made.put(plans.get(i).wave().release().id(), account(plans.get(i), outcomes.get(i), receivedNanos,
                        true));
            }
        } finally {
            // the leases of releases that wanted no wave (or of a batch that failed midway): the waves let go of theirs
            HeldLease.letGoAll(leases, held);
        }
        int total = made.values().stream().mapToInt(Integer::intValue).sum();
        for (int i = 0; i < created.size(); i++) {
            String releaseId = created.get(i).id();
            if (held.get(i).finish()) {
                total += nextWave(releaseId, receivedNanos, made.getOrDefault(releaseId, 0) == 0);
            }
        }
        return total;
    }

    /**
     * Plans under the release's lease, taking it. If another instance holds it, asks that one to plan again before
     * letting go (it may have planned before the change that called for this wave), so no trigger is lost.
     */
    private int nextWave(String releaseId, long startedNanos, boolean first) {
        Object lock = releaseLocks.computeIfAbsent(releaseId, id -> new Object());
        synchronized (lock) {
            Optional<ReleaseLedger> leased = leases.acquire(releaseId);
            if (leased.isEmpty()) {
                if (releases.find(releaseId).filter(ReleaseLedger::isOpen).isEmpty()) {
                    releaseLocks.remove(releaseId);
                    return 0;
                }
                leases.requestWave(releaseId);
                leased = leases.acquire(releaseId); // the holder may have let go before it saw the request
                if (leased.isEmpty()) {
                    return 0;
                }
            }
            int made = 0;
            boolean again = true;
            while (again && leased.isPresent()) {
                HeldLease lease = new HeldLease(leases, releaseId);
                try {
                    made += planWave(leased.get(), lease, startedNanos, first && made == 0);
                } finally {
                    // a wave that wrote offers let go already (its status read); a wave request is never lost: the
                    // let-go reads and clears wavePending in one write, whoever makes it
                    again = lease.finish();
                }
                leased = again ? leases.acquire(releaseId) : Optional.empty();
            }
            return made;
        }
    }

    /** Whether {@code release}, as read, wants offers and has an eligible candidate: no database, no log. */
    private boolean mayWantWave(ReleaseLedger release) {
        if (!release.isOpen()) {
            return false;
        }
        Instant now = clock.instant();
        RuleSet ruleSet = rules.inForce();
        OfferContext context = new OfferContext(release.toRelease(), ruleSet, now,
                id -> busy.hint(id, now).isPresent(), release::offeredBefore);
        return sizing.offersToMake(context.release(), context.release().timeLeft(now), context.responseWindow()) > 0
                && planner.eligibleInOrder(index.ranked(release.centreId(), ruleSet), context).hasNext();
    }

    private int planWave(ReleaseLedger release, HeldLease lease, long startedNanos, boolean first) {
        Optional<MakingOffers.Plan> plan = plan(release, lease, null);
        return plan.isEmpty() ? 0 : account(plan.get(), making.offerAll(List.of(plan.get())).get(0), startedNanos,
                first);
    }

    /**
     * The release's next wave under {@code lease}, for the work {@code correlationId} (this thread's if {@code null});
     * empty if it wants no offer or no candidate is eligible.
     */
    private Optional<MakingOffers.Plan> plan(ReleaseLedger release, HeldLease lease, String correlationId) {
        Instant now = clock.instant();
        RuleSet ruleSet = rules.inForce();
        OfferContext context = new OfferContext(release.toRelease(), ruleSet, now,
                id -> busyHint(release.id(), id, now), release::offeredBefore);
        int wanted = sizing.offersToMake(context.release(), context.release().timeLeft(now),
                context.responseWindow());
        if (wanted == 0) {
            return Optional.empty();
        }
        Iterator<PoolCandidate> eligible = planner.eligibleInOrder(index.ranked(release.centreId(), ruleSet),
                context);
        if (!eligible.hasNext()) {
            return Optional.empty();
        }
        // numbered without a write of its own: only the lease holder numbers waves, and the wave's one fenced write
        // (counting its offers open) records the number; a wave that reserves nothing leaves the number unused
        return Optional.of(new MakingOffers.Plan(new Wave(release, release.wave() + 1, context), eligible, wanted,
                lease, correlationId != null ? correlationId : CorrelationId.currentOrNew()));
    }

    /** Logs and times what became of a wave; @return how many offers went out */
    private int account(MakingOffers.Plan plan, MakingOffers.Outcome outcome, long startedNanos, boolean first) {
        ReleaseLedger release = plan.wave().release();
        int number = plan.wave().number();
        int made = outcome.made();
        if (outcome.waveEnds()) {
            log.warn("release {} wave {}: lease lost (taken over or release closed) with {} offers", release.id(),
                    number, made);
        }
        if (release.firstOfferAt() == null && made > 0) {
            // the first wave times itself from receipt; a later one (no candidate at first) from releasedAt
            metrics.firstOffer(first ? Duration.ofNanos(System.nanoTime() - startedNanos)
                    : Duration.between(release.releasedAt(), clock.instant()));
        }
        log.info("release {} wave {}: {} offers (wanted {}) under rule set {}", release.id(), number, made,
                plan.wanted(), plan.wave().context().rules().version());
        return made;
    }

    /** The wave's view of "has an open offer" (this instance's hint); logs each candidate it skips. */
    private boolean busyHint(String releaseId, String candidateId, Instant now) {
        Optional<BusyCandidates.Hint> hint = busy.hint(candidateId, now);
        if (hint.isPresent() && log.isDebugEnabled()) {
            log.debug("release {}: skipped candidate {}: busy (offer {} until {})", releaseId, candidateId,
                    hint.get().offerId(), hint.get().until());
        }
        return hint.isPresent();
    }
}
