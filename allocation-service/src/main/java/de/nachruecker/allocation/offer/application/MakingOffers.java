package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.SharedCandidates;
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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes the offers of a wave — or of the waves of a batch, the first waves of a poll's new releases, each step once for
 * all of them — in the order that keeps "one open offer per person" and "no offer outlives its release" without
 * transactions: claim the candidates (one conditional write per candidate, sent as one bulk per round; a wave that is
 * refused one tries its next eligible candidate in the next round; a candidate goes to one wave of a batch only), count
 * each wave's offers as open on its release (one write per release, fenced by the wave lease, sent together), write
 * the offers with their {@code OfferMade} and their messages held back (one bulk insert), let go of the leases and
 * read after that write that each release is still open, and only then request the messages (one bulk of writes,
 * each conditional on its offer being open and unannounced).
 *
 * <p>Why batching keeps the guarantees: what must be atomic stays one conditional single-document write — the claim of
 * a candidate ("one open offer per person"), each reservation on its release, each offer's insert (unique per release
 * and candidate), each message request, and later the grant ("one dose, one person"); the bulks only send many such
 * writes at once, each applied or refused on its own, and nothing relies on a bulk being all-or-nothing: a bulk's
 * result does not say which of its conditional writes matched, so what matched is read back (the claims always, since
 * a claimed candidate must still fit the centre; the reservations when fewer matched than were sent). A kill between
 * the steps leaves, per offer, exactly what a kill of the one-offer-at-a-time wave left, only for the whole batch:
 * claims without offers, which the orphan check frees; or offers written but not announced, each holding its message,
 * which {@link RecoveringUnannouncedOffers} requests after a grace period (or voids the offer, if the release ended),
 * so they never wait for their deadline while their release waits with them.
 *
 * <p>Why the check after the write: a release that ends between the reservation and the write voids its open offers
 * before these exist. Either the check sees it ended and the offers are voided here, before their messages; or the
 * release ends after the check, and its voiding finds them written.
 *
 * <p>Why the check is the lease's let-go: a single wave lets go of the release's lease right after the write, with one
 * findAndModify that returns the status (and {@code wavePending}) as the document stood at that moment — a read after
 * the write as good as a read of its own, one round trip fewer per wave. A batch lets go with one update of the leases
 * it holds on which no wave is requested, then one read of the releases (status and lease holder): a lease still held
 * had a wave requested and is let go on its own (which hands the request on), one held by another instance was taken
 * over. What letting go before the messages are requested keeps:
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
 *       the request belongs to the new holder) and the status is read on its own (a batch's read is one already).</li>
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

    /** A candidate claimed for an offer of a wave. */
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
     * A wave to make: up to {@code wanted} offers to the {@code eligible} candidates, in their order, under
     * {@code lease}; its offers' events carry {@code correlationId}, the work that asked for the wave (a batch's waves
     * each belong to their own release's).
     */
    record Plan(Wave wave, Iterator<PoolCandidate> eligible, int wanted, HeldLease lease, String correlationId) {
    }

    /** A wave of a batch as it is being made. */
    private static final class Making {
        final Plan plan;
        final List<Claimed> claimed = new ArrayList<>();
        int rank;
        List<Offers.NewOffer> drafts = List.of();
        List<Offers.NewOffer> written = List.of();
        Outcome outcome = new Outcome(0, false);

        Making(Plan plan) {
            this.plan = plan;
            this.rank = plan.wave().release().offeredCandidateIds().size();
        }

        ReleaseLedger release() {
            return plan.wave().release();
        }

        int missing() {
            return plan.wanted() - claimed.size();
        }
    }

    /** A claim sent for a wave. */
    private record Attempt(Making wave, Claimed claim) {
    }

    /**
     * Makes the waves of a batch (of different releases, each under its lease), each step once for all of them, and
     * lets go of every plan's lease right after the offers are written.
     *
     * @return the outcome of each wave, in the order of {@code plans}
     */
    List<Outcome> offerAll(List<Plan> plans) {
        List<Making> waves = plans.stream().map(Making::new).toList();
        claim(waves);
        List<Making> claiming = waves.stream().filter(wave -> !wave.claimed.isEmpty()).toList();
        Set<String> reserved = claiming.isEmpty() ? Set.of() : leases.reserveAll(claiming.stream()
                .map(MakingOffers::reservation).toList());
        List<Making> reserving = new ArrayList<>();
        for (Making wave : claiming) {
            if (reserved.contains(wave.release().id())) {
                reserving.add(wave);
            } else {
                wave.claimed.forEach(claim -> candidates.release(claim.candidate().id(), claim.offerId()));
                wave.outcome = new Outcome(0, true);
            }
        }
        write(reserving);
        // the status read after the write is the leases' let-go (one write and one read for the batch, one
        // findAndModify for a single wave); only a wave whose lease was taken over meanwhile may read it on its own
        Map<String, ReleaseStatus> after = HeldLease.letGoAll(leases, plans.stream().map(Plan::lease).toList());
        List<Making> open = new ArrayList<>();
        for (Making wave : reserving) {
            ReleaseLedger release = wave.release();
            ReleaseStatus status = Optional.ofNullable(after.get(release.id()))
                    .or(() -> releases.statusOf(release.id()))
                    .orElse(ReleaseStatus.WITHDRAWN);
            if (status == ReleaseStatus.OPEN) {
                open.add(wave);
                continue;
            }
            log.info("release {} ended ({}) while {} offers were being written; voided before their messages",
                    release.id(), status, wave.written.size());
            wave.written.forEach(draft -> {
                closing.expire(draft.offer(), voidReason(status));
                messages.discard(draft.message());
            });
            wave.outcome = new Outcome(0, true);
        }
        List<Offers.NewOffer> announcing = open.stream().flatMap(wave -> wave.written.stream()).toList();
        Set<String> requested = announcing.isEmpty() ? Set.of() : offers.requestMessages(announcing);
        for (Making wave : open) {
            ReleaseLedger release = wave.release();
            List<String> made = wave.written.stream().map(draft -> draft.offer().id()).filter(requested::contains)
                    .toList();
            if (made.size() < wave.written.size()) {
                log.info("release {}: {} offers ended (or were announced by the recovery) before their messages "
                        + "were requested", release.id(), wave.written.size() - made.size());
            }
            // counted only now: an offer voided before its message was requested is counted as unsent, not as made
            made.forEach(offerId -> metrics.offer("made", release.centreId(), release.product()));
            wave.outcome = new Outcome(made.size(), false);
        }
        return waves.stream().map(wave -> wave.outcome).toList();
    }

    private static WaveLeases.Reservation reservation(Making wave) {
        Map<String, String> candidateByOfferId = new LinkedHashMap<>();
        wave.claimed.forEach(claim -> candidateByOfferId.put(claim.offerId(), claim.candidate().id()));
        return new WaveLeases.Reservation(wave.release().id(), wave.plan.wave().number(), candidateByOfferId,
                wave.claimed.get(0).madeAt());
    }

    /**
     * The reserved waves' offers: their message keys in one write (before the offers that hold the messages), the
     * offers with their {@code OfferMade} and held-back messages in one bulk insert.
     */
    private void write(List<Making> waves) {
        if (waves.isEmpty()) {
            return;
        }
        List<OfferMessages.Announced> announced = new ArrayList<>();
        Map<String, ReleaseLedger> releaseById = new HashMap<>();
        for (Making wave : waves) {
            Wave planned = wave.plan.wave();
            ReleaseLedger release = planned.release();
            releaseById.put(release.id(), release);
            for (Claimed claim : wave.claimed) {
                busy.busy(claim.candidate().id(), claim.offerId(), planned.context().answerDeadline());
                AnswerToken token = AnswerToken.generate(random);
                announced.add(new OfferMessages.Announced(Offer.make(claim.offerId(), release.id(),
                        claim.candidate().id(), release.centreId(), release.product(), planned.number(),
                        claim.rank(), planned.context().rules().version(), claim.madeAt(),
                        planned.context().answerDeadline(), token.hash()), token, claim.madeAt(),
                        wave.plan.correlationId()));
            }
        }
        Map<String, PendingEvent> messageOf = messages.offerNotifications(announced, releaseById);
        Map<String, List<Offers.NewOffer>> draftsByRelease = new HashMap<>();
        for (OfferMessages.Announced each : announced) {
            Offer offer = each.offer();
            ReleaseLedger release = releaseById.get(offer.releaseId());
            draftsByRelease.computeIfAbsent(release.id(), id -> new ArrayList<>()).add(new Offers.NewOffer(offer,
                    List.of(messages.event(new OfferMade(UUID.randomUUID(), each.madeAt(), release.id(), offer.id(),
                            offer.candidateId(), release.centreId(), release.product(), offer.wave(), offer.rank(),
                            offer.ruleVersion(), release.windowFrom(), release.windowTo(), offer.answerDeadline(),
                            offer.answerTokenHash()), each.correlationId())), messageOf.get(offer.id())));
        }
        waves.forEach(wave -> wave.drafts = draftsByRelease.get(wave.release().id()));
        Set<String> written = offers.addAll(waves.stream().flatMap(wave -> wave.drafts.stream()).toList());
        for (Making wave : waves) {
            wave.written = wave.drafts.stream().filter(draft -> written.contains(draft.offer().id())).toList();
            dropUnwritten(wave.release().id(), wave.drafts, written);
        }
    }

    /**
     * Claims candidates for every wave short of its offers, in rounds: each round takes every such wave's next
     * candidates (each candidate for one wave of the batch only, {@link SharedCandidates}) and claims them all with
     * one bulk of conditional writes, one per candidate; a refused candidate is rechecked, and its wave tries its next
     * eligible candidate in the next round.
     */
    private void claim(List<Making> waves) {
        SharedCandidates shared = new SharedCandidates();
        while (true) {
            List<Candidates.Claim> claims = new ArrayList<>();
            Map<String, Attempt> attempts = new LinkedHashMap<>();
            for (Making wave : waves) {
                if (wave.missing() <= 0) {
                    continue;
                }
                ReleaseLedger release = wave.release();
                Instant madeAt = latest(wave.plan.wave().context().now(), clock.instant());
                for (PoolCandidate candidate : shared.take(wave.plan.eligible(), wave.missing())) {
                    wave.rank++;
                    String offerId = UUID.randomUUID().toString();
                    claims.add(new Candidates.Claim(candidate.id(), offerId, release.id(), release.centreId(),
                            madeAt));
                    attempts.put(offerId, new Attempt(wave, new Claimed(offerId, candidate, wave.rank, madeAt)));
                }
            }
            if (claims.isEmpty()) {
                return;
            }
            Set<String> claimed = candidates.claimAll(claims);
            attempts.forEach((offerId, attempt) -> {
                if (claimed.contains(offerId)) {
                    attempt.wave().claimed.add(attempt.claim());
                } else {
                    Wave wave = attempt.wave().plan.wave();
                    recheck(wave.release().id(), attempt.claim().candidate().id(),
                            wave.context().now().plus(wave.context().rules().responseWindow()));
                }
            });
        }
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
