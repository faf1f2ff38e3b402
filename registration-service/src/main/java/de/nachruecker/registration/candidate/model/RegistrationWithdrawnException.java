package de.nachruecker.registration.candidate.model;

/** The registration was withdrawn; it can no longer change. */
public class RegistrationWithdrawnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RegistrationWithdrawnException() {
        super("the registration was withdrawn");
    }
}
