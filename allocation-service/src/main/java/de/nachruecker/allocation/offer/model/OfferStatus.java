package de.nachruecker.allocation.offer.model;

/** The offer state machine: every offer starts MADE and ends in exactly one of the other states. */
public enum OfferStatus {
    MADE, CONFIRMED, DECLINED, EXPIRED, REJECTED_TOO_LATE, VOID;

    public boolean isOpen() {
        return this == MADE;
    }

    public boolean canBecome(OfferStatus next) {
        return this == MADE && next != MADE;
    }

    /** @throws IllegalStateException for a transition the state machine does not have */
    public OfferStatus to(OfferStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("an offer cannot go from " + this + " to " + next);
        }
        return next;
    }
}
