package de.nachruecker.registration.offer.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A dose offered to a citizen, as the citizen's door needs it: what, where, when, until when to answer, and where the
 * offer stands.
 *
 * @param answer    what the citizen answered; {@code null} while unanswered
 * @param reference the confirmed appointment's short reference, as the confirmation carried it; {@code null} until
 *                  confirmed
 */
public record Offer(String offerId, String releaseId, String candidateId, String centreId, String product,
                    Instant windowFrom, Instant windowTo, Instant answerDeadline, OfferState state, Answer answer,
                    String reference) {

    public Offer {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(answerDeadline, "answerDeadline");
        Objects.requireNonNull(state, "state");
    }

    public static Offer made(String offerId, String releaseId, String candidateId, String centreId, String product,
                             Instant windowFrom, Instant windowTo, Instant answerDeadline) {
        return new Offer(offerId, releaseId, candidateId, centreId, product, windowFrom, windowTo, answerDeadline,
                OfferState.OPEN, null, null);
    }

    /** A confirmed appointment the citizen can still cancel: neither cancelled nor its arrival recorded. */
    public boolean isAppointment() {
        return state == OfferState.CONFIRMED;
    }

    /**
     * The citizen gives the appointment up.
     *
     * @throws IllegalStateException unless it is a confirmed appointment
     */
    public Offer cancelled() {
        if (!isAppointment()) {
            throw new IllegalStateException("offer " + offerId + " is " + state + ", not a confirmed appointment");
        }
        return withState(OfferState.CANCELLED);
    }

    /** The centre recorded the arrival: the appointment is over. A cancelled one stays cancelled. */
    public Offer arrivalRecorded() {
        return isAppointment() ? withState(OfferState.ARRIVAL_RECORDED) : this;
    }

    private Offer withState(OfferState next) {
        return new Offer(offerId, releaseId, candidateId, centreId, product, windowFrom, windowTo, answerDeadline,
                next, answer, reference);
    }

    /** Whether an answer given at {@code now} can still be taken: once, and strictly before the deadline. */
    public boolean answerableAt(Instant now) {
        return state == OfferState.OPEN && now.isBefore(answerDeadline);
    }

    /** Why an answer given at {@code now} is refused; empty if it can be taken. */
    public Optional<AnswerRefusedException.Reason> refusalAt(Instant now) {
        if (answerableAt(now)) {
            return Optional.empty();
        }
        if (state == OfferState.OPEN || state == OfferState.EXPIRED) {
            return Optional.of(AnswerRefusedException.Reason.EXPIRED);
        }
        return Optional.of(AnswerRefusedException.Reason.USED);
    }

    /** The offer once answered; callers check {@link #answerableAt} first (the store checks it atomically). */
    public Offer answered(Answer given) {
        if (state != OfferState.OPEN) {
            throw new IllegalStateException("offer " + offerId + " is " + state + ", not open");
        }
        return new Offer(offerId, releaseId, candidateId, centreId, product, windowFrom, windowTo, answerDeadline,
                OfferState.ANSWERED, Objects.requireNonNull(given, "answer"), reference);
    }

    /**
     * The state after the allocation service closed the offer. A decided offer never changes again, so a redelivered
     * or late event changes nothing. An accepted offer that closes otherwise than confirmed means the dose is gone:
     * the citizen keeps their place.
     */
    public OfferState stateAfter(Closing closing) {
        if (state.isFinal()) {
            return state;
        }
        switch (closing) {
            case CONFIRMED:
                return OfferState.CONFIRMED;
            case REJECTED_TOO_LATE:
                return OfferState.TAKEN;
            case DECLINED:
                return OfferState.DECLINED;
            case EXPIRED:
                if (state == OfferState.OPEN) {
                    return OfferState.EXPIRED;
                }
                return answer == Answer.ACCEPT ? OfferState.TAKEN : OfferState.DECLINED;
            default:
                throw new IllegalArgumentException("unknown closing " + closing);
        }
    }

    public Offer closed(Closing closing) {
        return withState(stateAfter(closing));
    }

    /** Confirmed with the appointment's reference (a decided offer never changes again). */
    public Offer confirmed(String appointmentReference) {
        if (state.isFinal()) {
            return this;
        }
        return new Offer(offerId, releaseId, candidateId, centreId, product, windowFrom, windowTo, answerDeadline,
                OfferState.CONFIRMED, answer, appointmentReference);
    }
}
