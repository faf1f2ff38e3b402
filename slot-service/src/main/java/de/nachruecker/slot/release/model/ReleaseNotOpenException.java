package de.nachruecker.slot.release.model;

/** A change asked of a release whose status no longer allows it, e.g. correcting a withdrawn release. */
public class ReleaseNotOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReleaseNotOpenException(String releaseId, ReleaseStatus status) {
        super("release " + releaseId + " is " + status + " and can no longer be changed");
    }
}
