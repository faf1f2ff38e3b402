package de.nachruecker.notification.message.model;

/** A notification request lacks a template parameter or carries one that cannot be read; retrying will not help. */
public class InvalidParametersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidParametersException(String message) {
        super(message);
    }
}
