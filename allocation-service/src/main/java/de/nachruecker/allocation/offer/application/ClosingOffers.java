package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.AcceptanceEvidence;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.allocation.release.persistence.ReleaseStore;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Ends offers. Each step is one conditional single-document write and safe to repeat, so a redelivered answer or a
 * retried sweep after a crash finishes what was left undone and changes nothing twice: the offer leaves MADE (with its
 * events), then the candidate's claim is freed (if this offer still holds it), then the release stops counting it
 * as open and counts what it tells about acceptance ({@link AcceptanceEvidence}, from the offer as it was when it
 * ended).
 *
 * <p>A grant (release document) and the end of the offer (offer document) are two writes, so an acceptance can be
 * granted a dose while something else (a void, a decline; not the deadline, which spares an offer whose yes is
 * recorded) ends the offer before the acceptance confirms it. The offer document decides: whoever takes it out of
 * MADE first wins. If that was not the confirmation, the dose goes back to the release (once, keyed on the offer id
 * in {@code returnedOfferIds}) by whichever of the two comes second, so the dose is never counted as granted with
 * nobody holding it.
 */
@Service
public class ClosingOffers {

    private static final Logger log = LoggerFactory.getLogger(ClosingOffers.class);
    private static final int RETURN_ATTEMPTS = 5;

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

    /**
     * Ends the offer unanswered: at its deadline ({@code DEADLINE_PASSED}, EXPIRED) or voided for {@code reason}. The
     * deadline does not end an offer whose yes, given in time, is recorded on it: the acceptance (or the next sweep)
     * grants it a dose if one is left, so a sweep that read the offer before the yes was recorded changes nothing.
     * Neither does the end of its release (filled, withdrawn, expired): a yes recorded there lost the race for the
     * last dose, so the offer ends {@code REJECTED_TOO_LATE} with the TOO_LATE message, counted as a yes in the
     * acceptance rate (never VOID, which would count as no answer). Only the candidate's withdrawal voids it anyway.
     */
    public void expire(OfferDocument offer, OfferExpired.Reason reason) {
        Instant now = clock.instant();
        List<PendingEvent> events = List.of(messages.event(new OfferExpired(UUID.randomUUID(), now, offer.releaseId(),
                offer.id(), offer.candidateId(), reason)));
        if (reason == OfferExpired.Reason.DEADLINE_PASSED) {
            closed(offer, OfferStatus.EXPIRED, offers.expireUnanswered(offer.id(), now, events));
        } else if (reason == OfferExpired.Reason.CANDIDATE_WITHDRAWN) {
            close(offer, OfferStatus.VOID, events, now);
        } else {
            Optional<OfferDocument> voided = offers.decideUnaccepted(offer.id(), OfferStatus.VOID, now, events);
            if (voided.isPresent()) {
                closed(offer, OfferStatus.VOID, voided);
                return;
            }
            Optional<OfferDocument> accepted = offers.find(offer.id())
                    .filter(current -> current.status() == OfferStatus.MADE && current.acceptedInTime());
            Optional<ReleaseDocument> release = releases.find(offer.releaseId());
            if (accepted.isEmpty() || release.isEmpty() || !rejectTooLate(accepted.get(), release.get())) {
                closed(offer, OfferStatus.VOID, Optional.empty()); // ended otherwise meanwhile: finish that
            }
        }
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

    /**
     * After the grant: the offer becomes the appointment and the candidate leaves the pool — if the offer was still
     * open. If it had ended meanwhile (voided as the candidate withdrew, declined), the offer keeps that end: the dose
     * goes back to the release and the candidate stays free and in the pool. Safe to repeat.
     *
     * @return whether the offer holds the dose (confirmed, or its arrival recorded since); false if it lost it
     */
    public boolean confirm(OfferDocument offer, ReleaseDocument release) {
        Instant now = clock.instant();
        Optional<OfferDocument> decided = offers.decide(offer.id(), OfferStatus.CONFIRMED, now, List.of(
                messages.event(new OfferConfirmed(UUID.randomUUID(), now, release.id(), offer.id(),
                        offer.candidateId(), release.centreId(), release.windowFrom(), release.windowTo(),
                        AppointmentReference.of(offer.id()))),
                messages.confirmationNotification(offer, release, now)));
        if (decided.isPresent()) {
            metrics.offer("confirmed", offer.centreId(), offer.product());
        } else {
            OfferDocument current = offers.find(offer.id()).orElseThrow(() -> new IllegalStateException(
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
        return closed(offer, status, offers.decide(offer.id(), status, now, events));
    }

    /** @param ended the offer as it was when it left MADE for {@code status}; empty if that write found it ended */
    private boolean closed(OfferDocument offer, OfferStatus status, Optional<OfferDocument> ended) {
        if (ended.isEmpty()) {
            // someone else ended it first (e.g. a concurrent grant), or a yes in time stopped the deadline: only
            // finish what its real outcome needs
            offers.find(offer.id()).ifPresent(this::finishClosing);
            return false;
        }
        boolean delivered = ended.get().delivered();
        count(status, ended.get());
        freeCandidate(offer);
        stopCounting(offer, status, delivered);
        return true;
    }

    /**
     * One outcome per offer that was counted as made, i.e. whose message was requested; an offer that ended before
     * (its release ended while the wave wrote it) is counted apart, as {@code unsent}.
     */
    private void count(OfferStatus status, OfferDocument before) {
        if (!before.sent()) {
            metrics.offer(AllocationMetrics.UNSENT, before.centreId(), before.product());
            return;
        }
        metrics.offer(status.name().toLowerCase(Locale.ROOT).replace('_', '-'), before.centreId(), before.product());
        if (status == OfferStatus.EXPIRED && !before.delivered()) {
            metrics.offer(AllocationMetrics.EXPIRED_UNDELIVERED, before.centreId(), before.product());
        }
    }

    private void stopCounting(OfferDocument offer, OfferStatus ended, boolean delivered) {
        AcceptanceEvidence evidence = AcceptanceEvidence.of(ended, delivered);
        if (!releases.closeOffer(offer.releaseId(), offer.id(), evidence.answered(), evidence.accepted())) {
            // not counted as open any more: its end was counted before, or an acceptance was granted the dose
            // while this end overtook its confirmation
            giveBackDose(offer);
        }
    }

    /**
     * The offer ended without being confirmed, yet the release may have granted it a dose: that dose goes back (a
     * filled release opens again). Once per offer ({@code returnedOfferIds}), whoever of the racing parties gets here;
     * optimistic like a correction, so a grant in between makes it read again. The yes counts as an answer and an
     * acceptance as the grant counted it.
     */
    private void giveBackDose(OfferDocument offer) {
        for (int attempt = 0; attempt < RETURN_ATTEMPTS; attempt++) {
            Optional<ReleaseDocument> seen = releases.find(offer.releaseId());
            if (seen.isEmpty() || !seen.get().granted(offer.id()) || seen.get().returned(offer.id())) {
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
        candidates.find(candidateId).filter(CandidateDocument::poolMember).ifPresent(candidate -> index.put(candidate.toPoolCandidate()));
    }

    private void freeCandidate(OfferDocument offer) {
        candidates.release(offer.candidateId(), offer.id());
        busy.ended(offer.candidateId(), offer.id(), clock.instant());
    }
}
