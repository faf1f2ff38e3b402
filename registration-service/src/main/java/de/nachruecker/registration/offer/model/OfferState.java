package de.nachruecker.registration.offer.model;

/** Where an offer stands from the citizen's side. */
public enum OfferState {
    /** Made and not answered yet. */
    OPEN,
    /** The citizen answered; the allocation service has not decided yet. */
    ANSWERED,
    /** Accepted in time: the dose is the citizen's. */
    CONFIRMED,
    /** Accepted, but the doses were gone: the citizen keeps their place in the queue. */
    TAKEN,
    /** The citizen declined and keeps their place in the queue. */
    DECLINED,
    /** Closed without an answer (deadline passed, release withdrawn or filled, candidate withdrawn). */
    EXPIRED,
    /** Confirmed, then cancelled by the citizen: the dose went back to its release. */
    CANCELLED,
    /** Confirmed, and the centre recorded the arrival (vaccinated or missed): the appointment is over. */
    ARRIVAL_RECORDED;

    public boolean isFinal() {
        return this != OPEN && this != ANSWERED;
    }
}
