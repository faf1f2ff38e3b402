package de.nachruecker.slot.release.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A dose of the release confirmed to a candidate, known here only by pseudonymous ids: the operator identifies the
 * person by the appointment's {@link #reference()} and their ID document.
 *
 * @param offerId     the allocation service's offer id
 * @param candidateId the candidate's pseudonym
 * @param window      when the candidate is expected
 * @param arrival     what the operator recorded, {@code null} until then
 * @param recordedAt  when the operator recorded it, {@code null} until then
 * @param reference   the reference the citizen holds, as the confirmation event carried it
 * @param cancelledAt when the candidate cancelled the appointment (the dose went back to the release), {@code null}
 *                    unless cancelled; a cancelled appointment gets no arrival
 */
public record Appointment(String offerId, String candidateId, TimeWindow window, Arrival arrival,
                          Instant recordedAt, String reference, Instant cancelledAt) {

    public Appointment {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(reference, "reference");
    }

    public static Appointment confirmed(String offerId, String candidateId, TimeWindow window, String reference) {
        return new Appointment(offerId, candidateId, window, null, null, reference, null);
    }

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** Whether the dose is still promised to this candidate: not missed, not cancelled. */
    public boolean holdsDose() {
        return arrival != Arrival.MISSED && !cancelled();
    }

    /**
     * @throws ArrivalAlreadyRecordedException if an arrival was recorded before: an appointment is recorded once
     * @throws AppointmentCancelledException   if the candidate cancelled it: nobody is expected
     */
    public Appointment record(Arrival outcome, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        if (arrival != null) {
            throw new ArrivalAlreadyRecordedException(reference, arrival, recordedAt);
        }
        if (cancelled()) {
            throw new AppointmentCancelledException(reference, cancelledAt);
        }
        return new Appointment(offerId, candidateId, window, outcome, now, reference, null);
    }
}
