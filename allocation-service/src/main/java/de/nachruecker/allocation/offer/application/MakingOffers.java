package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.Wave;
import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.application.WaveLeases;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.support.outbox.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes the offers of a wave, in the order that keeps "one open offer per person" and "no offer outlives its release"
 * without transactions: claim each candidate (one conditional write on the candidate, one by one, until the wave has
 * as many as it wants), count the wave's offers as open on the release (one write, fenced by the wave lease), write
 * the offers with their {@code OfferMade} and their messages held back (one bulk insert), let go of the lease and
 * check in the same write that the release is still open, and only then request their messages (one bulk of writes,
 * each conditional on its offer being open and unannounced).
 *
 * <p>Why batching keeps the guarantees: what must be atomic stays one conditional single-document write — the claim of
 * a candidate ("one open offer per person"), each offer's insert (unique per release and candidate), each message
 * request, and later the grant ("one dose, one person"); the bulks only send many such writes at once, each applied or
 * refused on its own, and nothing relies on a bulk being all-or-nothing. A kill between the steps leaves, per offer,
 * exactly what a kill of the one-offer-at-a-time wave left, only for the whole wave: claims without offers, which the
 * orphan check frees; or offers written but not announced, each holding its message, which
 * {@link RecoveringUnannouncedOffers} requests after a grace period (or voids the offer, if the release ended), so
 * they never wait for their deadline while their release waits with them.
 *
 * <p>Why the check after the write: a release that ends between the reservation and the write voids its open offers
 * before these exist. Either the check sees it ended and the offers are voided here, before their messages; or the
 * release ends after the check, and its voiding finds them written.
 *
 * <p>Why the check is the lease's let-go: the wave lets go of the release's lease right after the write, with one
 * findAndModify that returns the status (and {@code wavePending}) as the document stood at that moment — a read after
 * the write as good as a read of its own, one round trip fewer per wave. What letting go before the messages are
 * requested keeps:
 * <ul>
 *   <li>never more open offers than one wave plan allows: the lease fences only what adds offers to the release (the
 *       reservation), and that is done; the next holder plans from a release that counts these offers open;</li>
 *   <li>a withdrawal or closing seen before messages are requested: the let-go is a read after the write, so a release
 *       that ended before it is seen here (offers voided before their messages), and one that ends after it finds the
 *       offers written; the message requests stay conditional on {@code {_id, status: MADE, unsent: true}};</li>
 *   <li>a wave request never lost: the let-go reads and clears {@code wavePending} in the same write and hands it to
 *       the planner ({@link HeldLease}), which takes the lease again and plans once more, as before;</li>
 *   <li>a paused instance fenced after takeover: its reservation fails once the lease is taken over; if it is taken
 *       over between the reservation and the let-go, the let-go matches nothing (it reports no wave request, since
 *       the request belongs to the new holder) and the wave reads the status on its own.</li>
 * </ul>
 * The reservation cannot also let go: the status must be read after the offers are written, not before.
 *
 * <p>Why an offer is stamped with the moment its candidate is claimed, not the start of the wave: another release's
 * wave may claim a candidate this wave reaches later; stamped with the wave's start, this wave's later offers would
 * look older than that one, and its candidate as passed over while free. Eligibility stays judged at the wave's start,
 * the stricter instant.
 */
@Service
public class MakingOffers {

    private static final Logger log = LoggerFactory.getLogger(MakingOffers.class);

    /**
     * What became of the wave.
     *
     * @param made      offers whose message was requested
     * @param waveEnds  the lease was lost or the release ended: no more waves under this lease
     */
    public record Outcome(int made, boolean waveEnds) {
    }

    /** A candidate claimed for an offer of this wave. */
    private record Claimed(String offerId, PoolCandidate candidate, int rank, Instant madeAt) {
    }

    private final Candidates candidates;
    private final WaveLeases leases;
    private final Offers offers;
    private final Releases releases;
    private final CandidateIndex index;
    private final BusyCandidates busy;
    private final ClosingOffers closing;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final SecureRandom random;
    private final Clock clock;

    public MakingOffers(Candidates candidates, WaveLeases leases, Offers offers, Releases releases,
                        CandidateIndex index, BusyCandidates busy, ClosingOffers closing, OfferMessages messages,
                        AllocationMetrics metrics, SecureRandom random, Clock clock) {
        this.candidates = candidates;
        this.leases = leases;
        this.offers = offers;
        this.releases = releases;
        this.index = index;
        this.busy = busy;
        this.closing = closing;
        this.messages = messages;
        this.metrics = metrics;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Offers the wave to up to {@code wanted} of the {@code eligible} candidates, in their order; lets go of
     * {@code lease} right after the offers are written, if any are.
     */
    Outcome offer(Wave wave, Iterator<PoolCandidate> eligible, int wanted, HeldLease lease) {
        ReleaseLedger release = wave.release();
        List<Claimed> claimed = claim(wave, eligible, wanted);
        if (claimed.isEmpty()) {
            return new Outcome(0, false);
        }
        Map<String, String> candidateByOfferId = new LinkedHashMap<>();
        claimed.forEach(claim -> candidateByOfferId.put(claim.offerId(), claim.candidate().id()));
        if (!leases.reserveOffers(release.id(), wave.number(), candidateByOfferId, claimed.get(0).madeAt())) {
            claimed.forEach(claim -> candidates.release(claim.candidate().id(), claim.offerId()));
            return new Outcome(0, true);
        }
        List<OfferMessages.Announced> announced = new ArrayList<>();
        for (Claimed claim : claimed) {
            busy.busy(claim.candidate().id(), claim.offerId(), wave.context().answerDeadline());
            AnswerToken token = AnswerToken.generate(random);
            announced.add(new OfferMessages.Announced(Offer.make(claim.offerId(), release.id(),
                    claim.candidate().id(), release.centreId(), release.product(), wave.number(), claim.rank(),
                    wave.context().rules().version(), claim.madeAt(), wave.context().answerDeadline(), token.hash()),
                    token, claim.madeAt()));
        }
        // the wave's message keys in one write, before the offers that hold the messages are written
        Map<String, PendingEvent> messageOf = messages.offerNotifications(announced, release);
        List<Offers.NewOffer> drafts = new ArrayList<>();
        for (OfferMessages.Announced each : announced) {
            Offer offer = each.offer();
            drafts.add(new Offers.NewOffer(offer, List.of(messages.event(new OfferMade(UUID.randomUUID(),
                    each.madeAt(), release.id(), offer.id(), offer.candidateId(), release.centreId(),
                    release.product(), offer.wave(), offer.rank(), offer.ruleVersion(), release.windowFrom(),
                    release.windowTo(), offer.answerDeadline(), offer.answerTokenHash()))), messageOf.get(offer.id())));
        }
        Set<String> written = offers.addAll(drafts);
        List<Offers.NewOffer> writtenOffers = drafts.stream().filter(draft -> written.contains(draft.offer().id()))
                .toList();
        dropUnwritten(release.id(), drafts, written);
        // the status read after the write is the lease's let-go (one write that reads the document as it changes it);
        // only a wave whose lease was taken over meanwhile reads the status on its own
        ReleaseStatus status = lease.letGo()
                .or(() -> releases.statusOf(release.id()))
                .orElse(ReleaseStatus.WITHDRAWN);
        if (status != ReleaseStatus.OPEN) {
            log.info("release {} ended ({}) while {} offers were being written; voided before their messages",
                    release.id(), status, writtenOffers.size());
            writtenOffers.forEach(draft -> {
                closing.expire(draft.offer(), voidReason(status));
                messages.discard(draft.message());
            });
            return new Outcome(0, true);
        }
        Set<String> requested = offers.requestMessages(writtenOffers);
        if (requested.size() < writtenOffers.size()) {
            log.info("release {}: {} offers ended (or were announced by the recovery) before their messages were "
                    + "requested", release.id(), writtenOffers.size() - requested.size());
        }
        // counted only now: an offer voided before its message was requested is counted as unsent, not as made
        requested.forEach(offerId -> metrics.offer("made", release.centreId(), release.product()));
        return new Outcome(requested.size(), false);
    }

    /** Claims candidates one by one, each with one conditional write, until {@code wanted} are claimed. */
    private List<Claimed> claim(Wave wave, Iterator<PoolCandidate> eligible, int wanted) {
        ReleaseLedger release = wave.release();
        Instant now = wave.context().now();
        int rank = release.offeredCandidateIds().size();
        List<Claimed> claimed = new ArrayList<>();
        while (claimed.size() < wanted && eligible.hasNext()) {
            PoolCandidate candidate = eligible.next();
            rank++;
            String offerId = UUID.randomUUID().toString();
            Instant madeAt = latest(now, clock.instant());
            if (candidates.claim(candidate.id(), offerId, release.id(), release.centreId(), madeAt)) {
                claimed.add(new Claimed(offerId, candidate, rank, madeAt));
            } else {
                recheck(release.id(), candidate.id(), now.plus(wave.context().rules().responseWindow()));
            }
        }
        return claimed;
    }

    /** Offers refused as offered before: not open on the release, their candidates free again. */
    private void dropUnwritten(String releaseId, List<Offers.NewOffer> drafts, Set<String> written) {
        List<Offers.NewOffer> refused = drafts.stream().filter(draft -> !written.contains(draft.offer().id()))
                .toList();
        if (refused.isEmpty()) {
            return;
        }
        releases.dropOffers(releaseId, refused.stream().map(draft -> draft.offer().id()).toList());
        Instant now = clock.instant();
        refused.forEach(draft -> {
            Offer offer = draft.offer();
            messages.discard(draft.message());
            candidates.release(offer.candidateId(), offer.id());
            busy.ended(offer.candidateId(), offer.id(), now);
        });
    }

    static OfferExpired.Reason voidReason(ReleaseStatus ended) {
        return switch (ended) {
            case FILLED -> OfferExpired.Reason.RELEASE_FILLED;
            case EXPIRED -> OfferExpired.Reason.RELEASE_EXPIRED;
            case WITHDRAWN, OPEN -> OfferExpired.Reason.RELEASE_WITHDRAWN;
        };
    }

    /**
     * A claim failed: the candidate is busy, or the store knows something the index does not. The hint names the
     * offer read here, so that if that offer ends between this read and the hint, the hint is not set
     * ({@link BusyCandidates#busy}): a hint set after the offer ended would hide a free candidate until it lapses.
     */
    private void recheck(String releaseId, String candidateId, Instant presumablyBusyUntil) {
        Optional<Candidate> candidate = candidates.find(candidateId);
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
