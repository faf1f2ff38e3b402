package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.OfferContext;
import de.nachruecker.allocation.offer.model.OfferPlanner;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.model.WaveSizingPolicy;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseLeases;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferMade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the next wave of offers for a release: as many as {@link WaveSizingPolicy} asks for, to the best eligible
 * candidates of the in-memory index, each one claimed atomically in MongoDB first (so a candidate never holds two open
 * offers, whatever other releases or instances do at the same time). Only the holder of the release's lease
 * ({@link ReleaseLeases}) plans, so instances never top up the same release at once.
 */
@Service
public class OfferingDoses {

    private static final Logger log = LoggerFactory.getLogger(OfferingDoses.class);

    private final ReleaseStore releases;
    private final ReleaseLeases leases;
    private final OfferStore offers;
    private final CandidateStore candidates;
    private final CandidateIndex index;
    private final KeepingRules rules;
    private final OfferPlanner planner;
    private final WaveSizingPolicy sizing;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final BusyCandidates busy;
    private final ClosingOffers closing;
    private final SecureRandom random;
    private final Clock clock;
    /** One wave at a time per release within this instance (threads wait); across instances the lease decides. */
    private final ConcurrentHashMap<String, Object> releaseLocks = new ConcurrentHashMap<>();

    public OfferingDoses(ReleaseStore releases, ReleaseLeases leases, OfferStore offers, CandidateStore candidates, CandidateIndex index,
                         KeepingRules rules, OfferPlanner planner, WaveSizingPolicy sizing, OfferMessages messages,
                         AllocationMetrics metrics, BusyCandidates busy, ClosingOffers closing, SecureRandom random,
                         Clock clock) {
        this.releases = releases;
        this.leases = leases;
        this.offers = offers;
        this.candidates = candidates;
        this.index = index;
        this.rules = rules;
        this.planner = planner;
        this.sizing = sizing;
        this.messages = messages;
        this.metrics = metrics;
        this.busy = busy;
        this.closing = closing;
        this.random = random;
        this.clock = clock;
    }

    /** @return how many offers went out */
    public int nextWave(String releaseId) {
        return nextWave(releaseId, System.nanoTime(), false);
    }

    /** The first wave of a new release; {@code receivedNanos} starts the first-offer latency clock. */
    public int firstWave(String releaseId, long receivedNanos) {
        return nextWave(releaseId, receivedNanos, true);
    }

    /**
     * Plans under the release's lease. If another instance holds it, asks that one to plan again before letting go
     * (it may have planned before the change that called for this wave), so no trigger is lost.
     */
    private int nextWave(String releaseId, long startedNanos, boolean first) {
        Object lock = releaseLocks.computeIfAbsent(releaseId, id -> new Object());
        synchronized (lock) {
            Optional<ReleaseDocument> leased = leases.acquire(releaseId);
            if (leased.isEmpty()) {
                if (releases.find(releaseId).filter(release -> release.toRelease().isOpen()).isEmpty()) {
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
                try {
                    made += planWave(leased.get(), startedNanos, first && made == 0);
                } finally {
                    again = leases.release(releaseId);
                }
                leased = again ? leases.acquire(releaseId) : Optional.empty();
            }
            return made;
        }
    }

    private int planWave(ReleaseDocument release, long startedNanos, boolean first) {
        Instant now = clock.instant();
        RuleSet ruleSet = rules.inForce();
        OfferContext context = new OfferContext(release.toRelease(), ruleSet, now,
                id -> busyHint(release.id(), id, now), release::offeredBefore);
        int wanted = sizing.offersToMake(context.release(), context.release().timeLeft(now),
                context.responseWindow());
        if (wanted == 0) {
            return 0;
        }
        Iterator<PoolCandidate> eligible = planner.eligibleInOrder(index.ranked(release.centreId(), ruleSet),
                context);
        if (!eligible.hasNext()) {
            return 0;
        }
        int wave = leases.startWave(release.id()).orElse(0);
        if (wave == 0) {
            return 0;
        }
        int made = 0;
        boolean noOfferYet = release.firstOfferAt() == null;
        int rank = release.offeredCandidateIds() == null ? 0 : release.offeredCandidateIds().size();
        while (made < wanted && eligible.hasNext()) {
            PoolCandidate candidate = eligible.next();
            rank++;
            Outcome outcome = offer(release, candidate, wave, rank, ruleSet, context, now);
            if (outcome == Outcome.LEASE_LOST) {
                log.warn("release {} wave {}: lease lost (taken over or release closed) after {} offers",
                        release.id(), wave, made);
                break;
            }
            if (outcome == Outcome.MADE) {
                made++;
                if (noOfferYet && made == 1) {
                    // the first wave times itself from receipt; a later one (no candidate at first) from releasedAt
                    metrics.firstOffer(first ? Duration.ofNanos(System.nanoTime() - startedNanos)
                            : Duration.between(release.releasedAt(), clock.instant()));
                }
            }
        }
        log.info("release {} wave {}: {} offers (wanted {}) under rule set {}", release.id(), wave, made, wanted,
                ruleSet.version());
        return made;
    }

    private enum Outcome { MADE, SKIPPED, LEASE_LOST }

    /** The wave's view of "has an open offer" (this instance's hint); logs each candidate it skips. */
    private boolean busyHint(String releaseId, String candidateId, Instant now) {
        Optional<BusyCandidates.Hint> hint = busy.hint(candidateId, now);
        if (hint.isPresent() && log.isDebugEnabled()) {
            log.debug("release {}: skipped candidate {}: busy (offer {} until {})", releaseId, candidateId,
                    hint.get().offerId(), hint.get().until());
        }
        return hint.isPresent();
    }

    /**
     * Claim the candidate, count the offer as open on the release (fenced by the lease), write the offer with its
     * {@code OfferMade}, check that the release is still open, and only then request the offer's message (conditional
     * on the offer still being open). A crash in between leaves a claim without an offer, which the orphan check
     * frees, or an offer nobody was told about, which expires at its deadline.
     *
     * <p>The check after the write closes a gap: a release that fills (or is withdrawn, or expires) between the
     * reservation and the write voids its open offers before this one exists. Either the check sees the release
     * ended and this wave voids the offer itself, without its message; or the release ends after the check, and its
     * voiding, which reads the open offers after the release ended, finds this one written.
     *
     * <p>The offer is stamped with the moment its candidate is claimed, not with the start of the wave: a wave takes
     * a database round trip or three per candidate, and another release's wave may claim a candidate this one reaches
     * later. Stamped with the wave's start, that candidate's offer would look younger than the lower-ranked offers of
     * this wave made after it, and the candidate as passed over while free. Eligibility (answer deadline, arrival)
     * stays judged at the wave's {@code now}, the earlier and so stricter instant.
     */
    private Outcome offer(ReleaseDocument release, PoolCandidate candidate, int wave, int rank, RuleSet ruleSet,
                          OfferContext context, Instant now) {
        String offerId = UUID.randomUUID().toString();
        Instant madeAt = latest(now, clock.instant());
        if (!candidates.claim(candidate.id(), offerId, release.id(), release.centreId(), madeAt)) {
            recheck(release.id(), candidate.id(), now.plus(ruleSet.responseWindow()));
            return Outcome.SKIPPED;
        }
        if (!leases.reserveOffer(release.id(), offerId, candidate.id(), madeAt)) {
            candidates.release(candidate.id(), offerId);
            return Outcome.LEASE_LOST;
        }
        busy.busy(candidate.id(), offerId, context.answerDeadline());
        AnswerToken token = AnswerToken.generate(random);
        OfferDocument draft = new OfferDocument(offerId, release.id(), candidate.id(), release.centreId(),
                release.product(), wave, rank, ruleSet.version(), OfferStatus.MADE, madeAt, context.answerDeadline(),
                token.hash(), null, List.of(), null, null, null, true);
        OfferMade made = new OfferMade(UUID.randomUUID(), madeAt, release.id(), offerId, candidate.id(),
                release.centreId(), release.product(), wave, rank, ruleSet.version(), release.windowFrom(),
                release.windowTo(), draft.answerDeadline(), token.hash());
        OfferDocument offer = draft.withOutbox(List.of(messages.event(made)));
        if (!offers.insert(offer)) {
            releases.dropOffer(release.id(), offerId);
            candidates.release(candidate.id(), offerId);
            busy.ended(candidate.id(), offerId, madeAt);
            return Outcome.SKIPPED;
        }
        ReleaseStatus status = releases.statusOf(release.id()).orElse(ReleaseStatus.WITHDRAWN);
        if (status != ReleaseStatus.OPEN) {
            log.info("release {} ended ({}) while offer {} was being written; voided before its message",
                    release.id(), status, offerId);
            closing.expire(offer, voidReason(status));
            return Outcome.LEASE_LOST;
        }
        if (!offers.requestMessage(offerId, messages.offerNotification(draft, release, token, madeAt))) {
            log.info("offer {} of release {} ended before its message was requested", offerId, release.id());
            return Outcome.SKIPPED;
        }
        // counted only now: an offer voided before its message was requested is counted as unsent, not as made
        metrics.offer("made", release.centreId(), release.product());
        return Outcome.MADE;
    }

    private static OfferExpired.Reason voidReason(ReleaseStatus ended) {
        return switch (ended) {
            case FILLED -> OfferExpired.Reason.RELEASE_FILLED;
            case EXPIRED -> OfferExpired.Reason.RELEASE_EXPIRED;
            case WITHDRAWN, OPEN -> OfferExpired.Reason.RELEASE_WITHDRAWN;
        };
    }

    /**
     * A claim failed: the candidate is busy, or MongoDB knows something the index does not. The hint names the offer
     * read here, so that if that offer ends between this read and the hint, the hint is not set
     * ({@link BusyCandidates#busy}): a hint set after the offer ended would hide a free candidate until it lapses.
     */
    private void recheck(String releaseId, String candidateId, Instant presumablyBusyUntil) {
        Optional<CandidateDocument> candidate = candidates.find(candidateId);
        if (candidate.isEmpty() || !candidate.get().poolMember()) {
            log.debug("release {}: skipped candidate {}: claim failed, not in the pool", releaseId, candidateId);
            index.remove(candidateId);
        } else if (candidate.get().activeOfferId() == null) {
            log.debug("release {}: skipped candidate {}: claim failed, freed meanwhile", releaseId, candidateId);
            index.put(candidate.get().toPoolCandidate());
        } else {
            log.debug("release {}: skipped candidate {}: claimed by offer {}", releaseId, candidateId,
                    candidate.get().activeOfferId());
            busy.busy(candidateId, candidate.get().activeOfferId(), presumablyBusyUntil);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
