package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Appointment;

/**
 * What one offer event changes in a release's fill: counters to raise by one, an appointment to add, or an outcome to
 * set. The store applies it in one single-document write together with the event id, so a redelivery changes nothing.
 *
 * @param filledDoseCount the dose count a {@code ReleaseFilled} reported filled; {@code null} for other events
 * @param dosesAtRisk     {@code null} to leave as is
 * @param dosesExpired    {@code null} to leave as is
 * @param cancelled       the appointment a {@code OfferCancelled} ended; {@code null} for other events
 */
public record FillChange(boolean offered, boolean declined, boolean expired, boolean tooLate,
                         Appointment confirmed, Integer filledDoseCount, Integer dosesAtRisk, Integer dosesExpired,
                         Cancellation cancelled) {

    /** The candidate of {@code offerId} cancelled their appointment at {@code at}. */
    public record Cancellation(String offerId, java.time.Instant at) {
    }

    public FillChange(boolean offered, boolean declined, boolean expired, boolean tooLate, Appointment confirmed,
               Integer filledDoseCount, Integer dosesAtRisk, Integer dosesExpired) {
        this(offered, declined, expired, tooLate, confirmed, filledDoseCount, dosesAtRisk, dosesExpired, null);
    }

    static FillChange appointmentCancelled(String offerId, java.time.Instant at) {
        return new FillChange(false, false, false, false, null, null, null, null, new Cancellation(offerId, at));
    }

    static FillChange offerMade() {
        return new FillChange(true, false, false, false, null, null, null, null);
    }

    static FillChange offerDeclined() {
        return new FillChange(false, true, false, false, null, null, null, null);
    }

    static FillChange offerExpired() {
        return new FillChange(false, false, true, false, null, null, null, null);
    }

    static FillChange acceptedTooLate() {
        return new FillChange(false, false, false, true, null, null, null, null);
    }

    static FillChange offerConfirmed(Appointment appointment) {
        return new FillChange(false, false, false, false, appointment, null, null, null);
    }

    static FillChange releaseFilled(int doseCount) {
        return new FillChange(false, false, false, false, null, doseCount, null, null);
    }

    static FillChange dosesAtRisk(int dosesLeft) {
        return new FillChange(false, false, false, false, null, null, dosesLeft, null);
    }

    static FillChange dosesExpired(int doses) {
        return new FillChange(false, false, false, false, null, null, null, doses);
    }
}
