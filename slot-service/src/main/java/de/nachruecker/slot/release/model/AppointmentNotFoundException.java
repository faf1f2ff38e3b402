package de.nachruecker.slot.release.model;

/** The release has no confirmed appointment under that offer id (never confirmed, or another release's offer). */
public class AppointmentNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppointmentNotFoundException(String releaseId, String offerId) {
        super("release " + releaseId + " has no confirmed appointment for offer " + offerId);
    }
}
