package de.nachruecker.slot.release.application;

public class ReleaseNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReleaseNotFoundException(String releaseId) {
        super("no release " + releaseId);
    }
}
