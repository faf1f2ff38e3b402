package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.AcceptanceEvidence;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends offers. Each step is one conditional single-document write and safe to repeat, so a redelivered answer or a
 * retried sweep after a crash finishes what was left undone and changes nothing twice: the offer leaves MADE (with its
 * events), then the candidate's claim is freed (if this offer still holds it), then the release stops counting it
 * as open and counts what it tells about acceptance ({@link AcceptanceEvidence}, from the offer as it was when it
 * ended).
 */
@Service
public class ClosingOffers {

    private final OfferStore offers;
    private final CandidateStore candidates;
    private final ReleaseStore releases;
    private final CandidateIndex index;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final BusyCandidates busy;
    private final Clock clock;

    public ClosingOffers(OfferStore offers, CandidateStore candidates, ReleaseStore releases, CandidateIndex index,
                         OfferMessages messages, AllocationMetrics metrics, BusyCandidates busy, Clock clock) {
        this.offers = offers;
        this.candidates = candidates;
        this.releases = releases;
        this.index = index;
        this.messages = messages;
        this.metrics = metrics;
        this.busy = busy;
        this.clock = clock;
    }

    public void decline(OfferDocument offer) {
        Instant now = clock.instant();
        close(offer, OfferStatus.DECLINED, List.of(messages.event(new OfferDeclined(UUID.randomUUID(), now,
                offer.releaseId(), offer.id(), offer.candidateId()))), now);
    }

    public void expire(OfferDocument offer, OfferExpired.Reason reason) {
        Instant now = clock.instant();
        OfferStatus status = reason == OfferExpired.Reason.DEADLINE_PASSED ? OfferStatus.EXPIRED : OfferStatus.VOID;
        close(offer, status, List.of(messages.event(new OfferExpired(UUID.randomUUID(), now, offer.releaseId(),
                offer.id(), offer.candidateId(), reason))), now);
    }

    /**
     * The offer message could not be delivered on any channel: nobody can answer it, so it ends now instead of at the
     * deadline and its place goes to the next wave. It does not count as an answer.
     */
    public void endUndeliverable(OfferDocument offer) {
        Instant now = clock.instant();
        close(offer, OfferStatus.UNDELIVERABLE, List.of(messages.event(new OfferExpired(UUID.randomUUID(), now,
                offer.releaseId(), offer.id(), offer.candidateId(), OfferExpired.Reason.UNDELIVERABLE))), now);
    }

    /**
     * Said yes after the last dose was taken: told at once, and back in the queue with their waiting time.
     *
     * @return false if the offer had ended meanwhile (e.g. voided as the release filled); no message was sent then
     */
    public boolean rejectTooLate(OfferDocument offer, ReleaseDocument release) {
        Instant now = clock.instant();
        return close(offer, OfferStatus.REJECTED_TOO_LATE, List.of(
                messages.event(new OfferRejectedTooLate(UUID.randomUUID(), now, offer.releaseId(), offer.id(),
                        offer.candidateId())),
                messages.pending(messages.tooLateNotification(offer, release, now))), now);
    }

    /** After the grant: the offer becomes the appointment and the candidate leaves the pool. */
    public void confirm(OfferDocument offer, ReleaseDocument release) {
        Instant now = clock.instant();
        boolean changed = offers.decide(offer.id(), OfferStatus.CONFIRMED, now, List.of(
                messages.event(new OfferConfirmed(UUID.randomUUID(), now, release.id(), offer.id(),
                        offer.candidateId(), release.centreId(), release.windowFrom(), release.windowTo())),
                messages.confirmationNotification(offer, release, now))).isPresent();
        candidates.holdAppointment(offer.candidateId(), offer.id());
        index.remove(offer.candidateId());
        busy.ended(offer.candidateId(), offer.id(), now);
        if (changed) {
            metrics.offer("confirmed", offer.centreId(), offer.product());
        }
        if (release.dosesLeft() == 0) {
            fill(release);
        }
    }

    /** Repeats the steps after the state change of an offer that has already ended (redelivery, crash). */
    public void finishClosing(OfferDocument offer) {
        if (!offer.status().isOpen() && !offer.status().grantedDose()) {
            freeCandidate(offer);
            stopCounting(offer, offer.status(), offer.delivered());
        }
    }

    /** Voids the release's open offers, e.g. when it is withdrawn, filled or expired. */
    public void voidOpenOffers(String releaseId, OfferExpired.Reason reason) {
        releases.find(releaseId).ifPresent(release -> release.openOffers().forEach(offerId ->
                offers.find(offerId).ifPresent(offer -> {
                    if (offer.status() == OfferStatus.MADE) {
                        expire(offer, reason);
                    } else {
                        finishClosing(offer);
                    }
                })));
    }

    private void fill(ReleaseDocument release) {
        Instant now = clock.instant();
        if (releases.finish(release.id(), ReleaseStatus.FILLED, List.of(messages.event(new ReleaseFilled(
                UUID.randomUUID(), now, release.id(), release.centreId(), release.doseCount(),
                release.confirmed()))))) {
            metrics.filled(Duration.between(release.releasedAt(), now));
            voidOpenOffers(release.id(), OfferExpired.Reason.RELEASE_FILLED);
        }
    }

    private boolean close(OfferDocument offer, OfferStatus status, List<PendingEvent> events, Instant now) {
        Optional<OfferDocument> ended = offers.decide(offer.id(), status, now, events);
        if (ended.isEmpty()) {
            // someone else ended it first (e.g. a concurrent grant): only finish what its real outcome needs
            offers.find(offer.id()).ifPresent(this::finishClosing);
            return false;
        }
        boolean delivered = ended.get().delivered();
        metrics.offer(status.name().toLowerCase(Locale.ROOT).replace('_', '-'), offer.centreId(), offer.product());
        if (status == OfferStatus.EXPIRED && !delivered) {
            metrics.offer(AllocationMetrics.EXPIRED_UNDELIVERED, offer.centreId(), offer.product());
        }
        freeCandidate(offer);
        stopCounting(offer, status, delivered);
        return true;
    }

    private void stopCounting(OfferDocument offer, OfferStatus ended, boolean delivered) {
        AcceptanceEvidence evidence = AcceptanceEvidence.of(ended, delivered);
        releases.closeOffer(offer.releaseId(), offer.id(), evidence.answered(), evidence.accepted());
    }

    private void freeCandidate(OfferDocument offer) {
        candidates.release(offer.candidateId(), offer.id());
        busy.ended(offer.candidateId(), offer.id(), clock.instant());
    }
}
