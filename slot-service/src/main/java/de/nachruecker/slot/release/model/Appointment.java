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
 */
public record Appointment(String offerId, String candidateId, TimeWindow window, Arrival arrival,
                          Instant recordedAt) {

    public Appointment {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(candidateId, "candidateId");
        Objects.requireNonNull(window, "window");
    }

    public static Appointment confirmed(String offerId, String candidateId, TimeWindow window) {
        return new Appointment(offerId, candidateId, window, null, null);
    }

    public String reference() {
        return AppointmentReference.of(offerId);
    }

    /** @throws ArrivalAlreadyRecordedException if an arrival was recorded before: an appointment is recorded once */
    public Appointment record(Arrival outcome, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        if (arrival != null) {
            throw new ArrivalAlreadyRecordedException(reference(), arrival, recordedAt);
        }
        return new Appointment(offerId, candidateId, window, outcome, now);
    }
}
