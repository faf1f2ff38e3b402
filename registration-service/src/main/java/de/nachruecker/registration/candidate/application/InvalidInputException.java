package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.shared.model.Violation;

import java.util.List;

/** The input breaks domain rules; nothing was stored or published. */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super("invalid input: " + violations.size() + " violation(s)");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
