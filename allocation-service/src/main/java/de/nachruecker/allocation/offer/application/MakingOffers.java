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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes one offer of a wave, in the order that keeps "one open offer per person" and "no offer outlives its release"
 * without transactions: claim the candidate (one conditional write on the candidate), count the offer as open on the
 * release (fenced by the wave lease), write the offer with its {@code OfferMade} and its message held back, check
 * that the release is still open, and only then request the offer's message (conditional on the offer still being
 * open and its message not requested yet). A crash in between leaves a claim without an offer, which the orphan check
 * frees, or an offer nobody was told about, which {@link RecoveringUnannouncedOffers} announces (or voids, if its
 * release ended) after a short grace period, with the message held back for it.
 *
 * <p>Why the check after the write: a release that ends between the reservation and the write voids its open offers
 * before this one exists. Either the check sees it ended and the offer is voided here, before its message; or the
 * release ends after the check, and its voiding finds this offer written.
 *
 * <p>Why the offer is stamped with the moment its candidate is claimed, not the start of the wave: another release's
 * wave may claim a candidate this wave reaches later; stamped with the wave's start, this wave's later offers would
 * look older than that one, and its candidate as passed over while free. Eligibility stays judged at the wave's start,
 * the stricter instant.
 */
@Service
public class MakingOffers {

    private static final Logger log = LoggerFactory.getLogger(MakingOffers.class);

    /** What became of one candidate of the wave. */
    public enum Outcome {
        MADE,
        /** Busy, or offered this release before: the wave goes on with the next candidate. */
        SKIPPED,
        /** The lease was lost or the release ended: the wave stops. */
        WAVE_ENDS
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

    public Outcome offer(Wave wave, PoolCandidate candidate, int rank) {
        ReleaseLedger release = wave.release();
        Instant now = wave.context().now();
        String offerId = UUID.randomUUID().toString();
        Instant madeAt = latest(now, clock.instant());
        if (!candidates.claim(candidate.id(), offerId, release.id(), release.centreId(), madeAt)) {
            recheck(release.id(), candidate.id(), now.plus(wave.context().rules().responseWindow()));
            return Outcome.SKIPPED;
        }
        if (!leases.reserveOffer(release.id(), offerId, candidate.id(), madeAt)) {
            candidates.release(candidate.id(), offerId);
            return Outcome.WAVE_ENDS;
        }
        busy.busy(candidate.id(), offerId, wave.context().answerDeadline());
        AnswerToken token = AnswerToken.generate(random);
        Offer offer = Offer.make(offerId, release.id(), candidate.id(), release.centreId(), release.product(),
                wave.number(), rank, wave.context().rules().version(), madeAt, wave.context().answerDeadline(),
                token.hash());
        OfferMade made = new OfferMade(UUID.randomUUID(), madeAt, release.id(), offerId, candidate.id(),
                release.centreId(), release.product(), wave.number(), rank, offer.ruleVersion(), release.windowFrom(),
                release.windowTo(), offer.answerDeadline(), token.hash());
        PendingEvent message = messages.offerNotification(offer, release, token, madeAt);
        if (!offers.add(offer, List.of(messages.event(made)), message)) {
            messages.discard(message);
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
            messages.discard(message);
            return Outcome.WAVE_ENDS;
        }
        if (!offers.requestMessage(offerId, message)) {
            log.info("offer {} of release {} ended (or was announced by the recovery) before its message was "
                    + "requested", offerId, release.id());
            return Outcome.SKIPPED;
        }
        // counted only now: an offer voided before its message was requested is counted as unsent, not as made
        metrics.offer("made", release.centreId(), release.product());
        return Outcome.MADE;
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
