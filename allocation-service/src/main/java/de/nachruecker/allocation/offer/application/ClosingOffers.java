package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.AcceptanceEvidence;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.release.application.Releases;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.support.outbox.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends offers, in three steps that are each one conditional single-document write and safe to repeat: the offer
 * changes as {@link Offer.Change} allows (with its events), then its candidate's claim is freed, then the release
 * stops counting it as open and counts what it tells about acceptance. Why steps and not one transaction: there are
 * none; why safe anyway: a redelivered answer or the next sweep re-runs the later steps ({@link #finishClosing}).
 *
 * <p>Why a dose can come back: the grant (release) and the confirmation (offer) are two writes, and something else (a
 * void, a decline) may end the offer in between. The offer decides — whoever takes it out of MADE first wins — and
 * whichever of the two comes second gives the dose back, once per offer.
 */
@Service
public class ClosingOffers {

    private static final Logger log = LoggerFactory.getLogger(ClosingOffers.class);
    private static final int RETURN_ATTEMPTS = 5;

    private final Offers offers;
    private final Candidates candidates;
    private final Releases releases;
    private final CandidateIndex index;
    private final OfferMessages messages;
    private final AllocationMetrics metrics;
    private final BusyCandidates busy;
    private final Clock clock;

    public ClosingOffers(Offers offers, Candidates candidates, Releases releases, CandidateIndex index,
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

    public void decline(Offer offer) {
        Instant now = clock.instant();
        close(offer, Offer.Change.answered(OfferStatus.DECLINED), List.of(messages.event(new OfferDeclined(
                UUID.randomUUID(), now, offer.releaseId(), offer.id(), offer.candidateId()))), now);
    }

    /**
     * Ends the offer unanswered for {@code reason} ({@link Offer#end}). A yes recorded on it stops the deadline (the
     * acceptance, or the next sweep, finishes it) and turns the end of its release into {@code REJECTED_TOO_LATE}
     * with the TOO_LATE message: it lost the race for the last dose, and still counts as a yes.
     */
    public void expire(Offer offer, OfferExpired.Reason reason) {
        Instant now = clock.instant();
        List<PendingEvent> events = List.of(messages.event(new OfferExpired(UUID.randomUUID(), now, offer.releaseId(),
                offer.id(), offer.candidateId(), reason)));
        Offer.Change change = Offer.end(reason);
        if (close(offer, change, events, now) || reason == OfferExpired.Reason.DEADLINE_PASSED
                || !change.unlessAccepted()) {
            return;
        }
        // the release ended while a yes was recorded on the offer: too late, unless it ended otherwise meanwhile
        Optional<Offer> accepted = offers.find(offer.id()).filter(current -> current.isOpen()
                && current.acceptedInTime());
        Optional<ReleaseLedger> release = releases.find(offer.releaseId());
        if (accepted.isPresent() && release.isPresent()) {
            rejectTooLate(accepted.get(), release.get());
        }
    }

    /** The offer message reached nobody: the offer ends now instead of at the deadline, and is no answer. */
    public void endUndeliverable(Offer offer) {
        expire(offer, OfferExpired.Reason.UNDELIVERABLE);
    }

    /**
     * Said yes after the last dose was taken: told at once, and back in the queue with their waiting time.
     *
     * @return false if the offer had ended meanwhile (e.g. voided as the release filled); no message was sent then
     */
    public boolean rejectTooLate(Offer offer, ReleaseLedger release) {
        Instant now = clock.instant();
        return close(offer, Offer.Change.answered(OfferStatus.REJECTED_TOO_LATE), List.of(
                messages.event(new OfferRejectedTooLate(UUID.randomUUID(), now, offer.releaseId(), offer.id(),
                        offer.candidateId())),
                messages.pending(messages.tooLateNotification(offer, release, now))), now);
    }

    /**
     * After the grant: the offer becomes the appointment and the candidate leaves the pool — if the offer was still
     * open. If it had ended meanwhile, it keeps that end: the dose goes back and the candidate stays free. Repeatable.
     *
     * @return whether the offer holds the dose (confirmed, or its arrival recorded since); false if it lost it
     */
    public boolean confirm(Offer offer, ReleaseLedger release) {
        Instant now = clock.instant();
        Optional<Offer> decided = offers.change(offer.id(), Offer.Change.answered(OfferStatus.CONFIRMED), now, List.of(
                messages.event(new OfferConfirmed(UUID.randomUUID(), now, release.id(), offer.id(),
                        offer.candidateId(), release.centreId(), release.windowFrom(), release.windowTo(),
                        AppointmentReference.of(offer.id()))),
                messages.confirmationNotification(offer, release, now)));
        if (decided.isPresent()) {
            metrics.offer("confirmed", offer.centreId(), offer.product());
        } else {
            Offer current = offers.find(offer.id()).orElseThrow(() -> new IllegalStateException(
                    "offer " + offer.id() + " is not stored"));
            if (!current.status().grantedDose()) {
                log.info("offer {} ended {} before its grant could confirm it; its dose goes back to release {}",
                        offer.id(), current.status(), offer.releaseId());
                finishClosing(current);
                backInPool(offer.candidateId());
                return false;
            }
            if (current.status() != OfferStatus.CONFIRMED) {
                return true; // the arrival was recorded since: nothing left to do
            }
        }
        // CONFIRMED from here on, and nothing frees the claim of a confirmed offer but a missed appointment
        candidates.holdAppointment(offer.candidateId(), offer.id());
        index.remove(offer.candidateId());
        busy.ended(offer.candidateId(), offer.id(), now);
        if (release.dosesLeft() == 0) {
            fill(release);
        }
        return true;
    }

    /** Repeats the steps after the state change of an offer that has already ended (redelivery, crash). */
    public void finishClosing(Offer offer) {
        if (offer.endedWithoutDose()) {
            freeCandidate(offer);
            stopCounting(offer, offer.evidence());
        }
    }

    /** Voids the release's open offers, e.g. when it is withdrawn, filled or expired. */
    public void voidOpenOffers(String releaseId, OfferExpired.Reason reason) {
        releases.find(releaseId).ifPresent(release -> {
            // read together (one query); each end stays its own conditional write
            Map<String, Offer> open = offers.findAll(release.openOffers());
            release.openOffers().stream().map(open::get).filter(Objects::nonNull).forEach(offer -> {
                if (offer.isOpen()) {
                    expire(offer, reason);
                } else {
                    finishClosing(offer);
                }
            });
        });
    }

    private void fill(ReleaseLedger release) {
        Instant now = clock.instant();
        if (releases.finish(release.id(), ReleaseStatus.FILLED, List.of(messages.event(new ReleaseFilled(
                UUID.randomUUID(), now, release.id(), release.centreId(), release.doseCount(),
                release.confirmed()))))) {
            metrics.filled(Duration.between(release.releasedAt(), now));
            voidOpenOffers(release.id(), OfferExpired.Reason.RELEASE_FILLED);
        }
    }

    /** @return whether this call changed the offer; if something else ended it first, only finishes that end */
    private boolean close(Offer offer, Offer.Change change, List<PendingEvent> events, Instant now) {
        Optional<Offer> before = offers.change(offer.id(), change, now, events);
        if (before.isEmpty()) {
            // someone else ended it first (e.g. a concurrent grant), or a yes in time stopped the change: only
            // finish what its real outcome needs
            offers.find(offer.id()).ifPresent(this::finishClosing);
            return false;
        }
        count(change.to(), before.get());
        freeCandidate(offer);
        stopCounting(offer, AcceptanceEvidence.of(change.to(), before.get().delivered()));
        return true;
    }

    /**
     * One outcome per offer that was counted as made, i.e. whose message was requested; an offer that ended before
     * (its release ended while the wave wrote it) is counted apart, as {@code unsent}.
     */
    private void count(OfferStatus status, Offer before) {
        if (!before.sent()) {
            metrics.offer(AllocationMetrics.UNSENT, before.centreId(), before.product());
            return;
        }
        metrics.offer(status.name().toLowerCase(Locale.ROOT).replace('_', '-'), before.centreId(), before.product());
        if (status == OfferStatus.EXPIRED && !before.delivered()) {
            metrics.offer(AllocationMetrics.EXPIRED_UNDELIVERED, before.centreId(), before.product());
        }
    }

    private void stopCounting(Offer offer, AcceptanceEvidence evidence) {
        if (!releases.closeOffer(offer.releaseId(), offer.id(), evidence.answered(), evidence.accepted())) {
            // not counted as open any more: its end was counted before, or an acceptance was granted the dose
            // while this end overtook its confirmation
            giveBackDose(offer);
        }
    }

    /**
     * The offer ended without being confirmed, yet the release may have granted it a dose: that dose goes back (a
     * filled release opens again), once per offer. Optimistic like a correction: a grant in between makes it read
     * again. The yes counts as an answer and an acceptance as the grant counted it.
     */
    private void giveBackDose(Offer offer) {
        for (int attempt = 0; attempt < RETURN_ATTEMPTS; attempt++) {
            Optional<ReleaseLedger> seen = releases.find(offer.releaseId());
            if (seen.isEmpty() || !seen.get().holdsDoseOf(offer.id())) {
                return;
            }
            Release after = seen.get().toRelease().withDoseReturned();
            if (releases.returnDose(seen.get(), after, offer.id())) {
                if (after.status() == ReleaseStatus.EXPIRED) {
                    // the vial clock ran out meanwhile: nobody else can have this dose
                    metrics.dosesExpired(1, offer.centreId(), offer.product());
                }
                log.warn("release {}: dose granted to offer {} given back, the offer ended unconfirmed; status {}",
                        offer.releaseId(), offer.id(), after.status());
                return;
            }
        }
        throw new IllegalStateException("release " + offer.releaseId() + " kept changing; dose of offer "
                + offer.id() + " to be given back on the next attempt");
    }

    /** The candidate lost a race for a dose: whatever this instance's index thought, they are free again. */
    private void backInPool(String candidateId) {
        candidates.find(candidateId).filter(Candidate::poolMember)
                .ifPresent(candidate -> index.put(candidate.toPoolCandidate()));
    }

    private void freeCandidate(Offer offer) {
        candidates.release(offer.candidateId(), offer.id());
        busy.ended(offer.candidateId(), offer.id(), clock.instant());
    }
}
