package de.nachruecker.allocation.offer.model;

/**
 * The offer state machine: every offer starts MADE and ends in exactly one of the other states; a CONFIRMED offer is an
 * appointment, whose arrival the centre records afterwards as VACCINATED or MISSED, unless the candidate CANCELLED it
 * before. UNDELIVERABLE: the offer message could not be delivered on any channel, so nobody can answer it.
 */
public enum OfferStatus {
    MADE, CONFIRMED, DECLINED, EXPIRED, REJECTED_TOO_LATE, VOID, VACCINATED, MISSED, UNDELIVERABLE, CANCELLED;

    public boolean isOpen() {
        return this == MADE;
    }

    /**
     * Whether the offer was granted a dose (the appointment, whatever became of it: vaccinated, missed or cancelled;
     * the dose of a missed or cancelled one went back to the release).
     */
    public boolean grantedDose() {
        return this == CONFIRMED || this == VACCINATED || this == MISSED || this == CANCELLED;
    }

    /** What can follow a confirmation: the centre's record of the arrival, or the candidate's cancellation. */
    public boolean endsAppointment() {
        return this == VACCINATED || this == MISSED || this == CANCELLED;
    }

    public boolean canBecome(OfferStatus next) {
        if (this == MADE) {
            return next != MADE && !next.endsAppointment();
        }
        return this == CONFIRMED && next.endsAppointment();
    }

    /** @throws IllegalStateException for a transition the state machine does not have */
    public OfferStatus to(OfferStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("an offer cannot go from " + this + " to " + next);
        }
        return next;
    }
}
