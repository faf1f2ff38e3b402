package de.nachruecker.slot.release.application;

/** Others kept changing the release while this change was being applied; the client may retry. */
public class ConcurrentChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentChangeException(String releaseId) {
        super("release " + releaseId + " was changed concurrently, try again");
    }
}
