package de.nachruecker.allocation.offer.model;

/**
 * What an ended offer tells about the acceptance rate of a release ({@link WaveSizingPolicy}). Only offers the citizen
 * could see count: an offer that expired or was voided before its message was delivered says nothing about whether
 * people say yes (under a notification backlog such offers would otherwise drive the rate down and the waves up), and
 * an undeliverable one never reached anybody. An answer proves the message arrived, whatever the delivery report says.
 */
public enum AcceptanceEvidence {
    /** Not counted in {@code answered}. */
    NONE,
    /** Counted in {@code answered}. */
    NO,
    /** Counted in {@code answered} and {@code accepted}. */
    YES;

    /**
     * @param ended     the offer's status after it stopped being open
     * @param delivered whether the offer message had been delivered when the offer ended
     */
    public static AcceptanceEvidence of(OfferStatus ended, boolean delivered) {
        return switch (ended) {
            case MADE -> throw new IllegalArgumentException("an open offer is no evidence yet");
            case CONFIRMED, REJECTED_TOO_LATE, VACCINATED, MISSED, CANCELLED -> YES;
            case DECLINED -> NO;
            case EXPIRED, VOID -> delivered ? NO : NONE;
            case UNDELIVERABLE -> NONE;
        };
    }

    public boolean answered() {
        return this != NONE;
    }

    public boolean accepted() {
        return this == YES;
    }
}
