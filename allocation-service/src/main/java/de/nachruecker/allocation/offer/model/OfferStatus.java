package de.nachruecker.allocation.offer.model;

/**
 * The offer state machine: every offer starts MADE and ends in exactly one of the other states; a CONFIRMED offer is an
 * appointment, whose arrival the centre records afterwards as VACCINATED or MISSED. UNDELIVERABLE: the offer message
 * could not be delivered on any channel, so nobody can answer it.
 */
public enum OfferStatus {
    MADE, CONFIRMED, DECLINED, EXPIRED, REJECTED_TOO_LATE, VOID, VACCINATED, MISSED, UNDELIVERABLE;

    public boolean isOpen() {
        return this == MADE;
    }

    /** Whether the offer was granted a dose (the appointment, whatever its outcome at the centre). */
    public boolean grantedDose() {
        return this == CONFIRMED || this == VACCINATED || this == MISSED;
    }

    public boolean canBecome(OfferStatus next) {
        if (this == MADE) {
            return next != MADE && next != VACCINATED && next != MISSED;
        }
        return this == CONFIRMED && (next == VACCINATED || next == MISSED);
    }

    /** @throws IllegalStateException for a transition the state machine does not have */
    public OfferStatus to(OfferStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("an offer cannot go from " + this + " to " + next);
        }
        return next;
    }
}
