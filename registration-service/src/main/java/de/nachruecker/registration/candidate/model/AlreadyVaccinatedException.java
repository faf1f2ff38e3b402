package de.nachruecker.registration.candidate.model;

/** The candidate was vaccinated through the platform and left the pool; the registration no longer changes. */
public class AlreadyVaccinatedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AlreadyVaccinatedException() {
        super("the candidate was vaccinated and left the pool");
    }
}
