package de.nachruecker.slot.release.model;

import java.time.Instant;

/** The candidate cancelled the appointment; its dose went back to the release, and no arrival can be recorded. */
public class AppointmentCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppointmentCancelledException(String reference, Instant cancelledAt) {
        super("appointment " + reference + " was cancelled by the candidate at " + cancelledAt
                + "; its dose went back to the release");
    }
}
