package de.nachruecker.registration.shared.model;

/** A rule a field of the citizen's input breaks, in words the citizen can act on. */
public record Violation(String field, String message) {
}
