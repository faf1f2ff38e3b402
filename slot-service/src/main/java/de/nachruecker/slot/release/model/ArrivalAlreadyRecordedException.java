package de.nachruecker.slot.release.model;

import java.time.Instant;

/** An arrival was recorded for the appointment before; the first record stands and was published. */
public class ArrivalAlreadyRecordedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArrivalAlreadyRecordedException(String reference, Arrival arrival, Instant recordedAt) {
        super("appointment " + reference + " was already recorded as " + arrival + " at " + recordedAt
                + "; an arrival is recorded once");
    }
}
