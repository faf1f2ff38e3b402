package de.nachruecker.allocation.offer.model;

import de.nachruecker.events.offer.OfferExpired;

import java.time.Instant;

/**
 * One offer of a dose to one candidate, and the rules by which it ends. Every offer starts {@link OfferStatus#MADE} and
 * leaves it once; who leaves it first wins, the rest follow ({@link Change}). The store applies a change as one
 * conditional write on the offer alone (there are no transactions), so this record says which state a change needs,
 * and the store checks that state in the same write.
 *
 * <p>Why a yes is not simply a status: an acceptance is recorded on the open offer ({@code acceptedAt}) before the
 * release is asked for a dose, and from then on neither the deadline nor the end of the release can void the offer —
 * it ends as that yes's outcome, confirmed if a dose was left, else {@link OfferStatus#REJECTED_TOO_LATE}. Only a
 * candidate's withdrawal voids it anyway.
 *
 * @param wave        the wave of its release that made it; with {@code rank} and {@code ruleVersion} the audit trail
 * @param madeAt      when its candidate was claimed
 * @param decidedAt   when it left MADE
 * @param deliveredAt when its message was handed to the gateway, recorded only while it was open
 * @param acceptedAt  when a yes given before the deadline was recorded on it
 * @param sent        whether its message was requested (an offer that ended before was never seen by anybody)
 */
public record Offer(
        String id, String releaseId, String candidateId, String centreId, String product, int wave, int rank,
        int ruleVersion, OfferStatus status, Instant madeAt, Instant answerDeadline, String answerTokenHash,
        Instant decidedAt, Instant arrivalRecordedAt, Instant deliveredAt, Instant acceptedAt, boolean sent) {

    /** A new offer: open, and not sent until its message is requested. */
    public static Offer make(String id, String releaseId, String candidateId, String centreId, String product,
                             int wave, int rank, int ruleVersion, Instant madeAt, Instant answerDeadline,
                             String answerTokenHash) {
        return new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion, OfferStatus.MADE,
                madeAt, answerDeadline, answerTokenHash, null, null, null, null, false);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public boolean delivered() {
        return deliveredAt != null;
    }

    public boolean acceptedInTime() {
        return acceptedAt != null;
    }

    /** Ended without a dose (declined, expired, void, too late, undeliverable): its candidate is free again. */
    public boolean endedWithoutDose() {
        return !status.isOpen() && !status.grantedDose();
    }

    /** What this offer, ended, tells about the acceptance rate of its release. */
    public AcceptanceEvidence evidence() {
        return AcceptanceEvidence.of(status, delivered());
    }

    /** The offer with a yes given in time recorded on it; recorded only while it is open. */
    public Offer withAcceptance(Instant at) {
        return !isOpen() ? this : new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion,
                status, madeAt, answerDeadline, answerTokenHash, decidedAt, arrivalRecordedAt, deliveredAt, at, sent);
    }

    /** The offer with its message delivered; recorded only while it is open (a later report says nothing). */
    public Offer withDelivery(Instant at) {
        return !isOpen() ? this : new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion,
                status, madeAt, answerDeadline, answerTokenHash, decidedAt, arrivalRecordedAt, at, acceptedAt, sent);
    }

    /** The offer with its message requested; only while it is open (an ended offer is not told about any more). */
    public Offer withMessageRequested() {
        return !isOpen() ? this : new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion,
                status, madeAt, answerDeadline, answerTokenHash, decidedAt, arrivalRecordedAt, deliveredAt,
                acceptedAt, true);
    }

    /** What a yes answered at {@code answeredAt} means for this offer as it stands. */
    public Acceptance accept(Instant answeredAt) {
        if (!isOpen()) {
            return Acceptance.AFTER_END;
        }
        if (acceptedInTime()) {
            return Acceptance.RECORDED_BEFORE;
        }
        return answeredAt.isAfter(answerDeadline) ? Acceptance.AFTER_DEADLINE : Acceptance.IN_TIME;
    }

    /** The ways a yes meets an offer. */
    public enum Acceptance {
        /** Record it on the offer, then ask the release for a dose. */
        IN_TIME,
        /** Said before (redelivered, or twice): ask the release for the dose again, which is safe to repeat. */
        RECORDED_BEFORE,
        /** The deadline had passed: the offer expires and the candidate is told too late. */
        AFTER_DEADLINE,
        /** The offer had ended: its outcome stands; a candidate without a dose is told too late. */
        AFTER_END
    }

    /** The change that ends this open offer for {@code reason}; see {@link Change#voided}. */
    public static Change end(OfferExpired.Reason reason) {
        return switch (reason) {
            case DEADLINE_PASSED -> Change.unanswered(OfferStatus.EXPIRED);
            case UNDELIVERABLE -> Change.answered(OfferStatus.UNDELIVERABLE);
            default -> Change.voided(reason);
        };
    }

    /** This offer after {@code change}, or this offer unchanged if it is not in the state the change needs. */
    public Offer after(Change change, Instant now) {
        if (!change.appliesTo(this)) {
            return this;
        }
        return change.from() == OfferStatus.MADE
                ? new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion, change.to(),
                        madeAt, answerDeadline, answerTokenHash, now, arrivalRecordedAt, deliveredAt, acceptedAt, sent)
                : new Offer(id, releaseId, candidateId, centreId, product, wave, rank, ruleVersion, change.to(),
                        madeAt, answerDeadline, answerTokenHash, decidedAt, now, deliveredAt, acceptedAt, sent);
    }

    /**
     * A transition of the state machine with the state it needs: {@code from}, and with {@code unlessAccepted} also no
     * yes recorded. The store makes it one conditional write on exactly these fields.
     */
    public record Change(OfferStatus from, OfferStatus to, boolean unlessAccepted) {

        public Change {
            from.to(to);
        }

        /** An answer (or its absence) ends the open offer, whatever else was recorded on it. */
        public static Change answered(OfferStatus to) {
            return new Change(OfferStatus.MADE, to, false);
        }

        /**
         * Ends the open offer only while no yes given in time is recorded: a sweep that read the offer before the yes
         * was recorded cannot end it afterwards, and the yes ends it as its own outcome.
         */
        public static Change unanswered(OfferStatus to) {
            return new Change(OfferStatus.MADE, to, true);
        }

        /**
         * Voids the open offer. Its candidate's withdrawal voids it anyway; the end of its release (filled, withdrawn,
         * expired) only while no yes is recorded — a recorded yes lost the race for the last dose and ends too late.
         */
        public static Change voided(OfferExpired.Reason reason) {
            return reason == OfferExpired.Reason.CANDIDATE_WITHDRAWN
                    ? answered(OfferStatus.VOID) : unanswered(OfferStatus.VOID);
        }

        /** What becomes of a confirmed appointment: the centre's record of the arrival, or the cancellation. */
        public static Change appointment(OfferStatus outcome) {
            return new Change(OfferStatus.CONFIRMED, outcome, false);
        }

        public boolean appliesTo(Offer offer) {
            return offer.status() == from && !(unlessAccepted && offer.acceptedInTime());
        }
    }
}
