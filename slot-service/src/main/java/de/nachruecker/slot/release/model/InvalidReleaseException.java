package de.nachruecker.slot.release.model;

import java.util.List;

/** A release (or a correction of one) broke the rules; nothing was stored or published. */
public class InvalidReleaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public InvalidReleaseException(List<Violation> violations) {
        super("invalid release: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
