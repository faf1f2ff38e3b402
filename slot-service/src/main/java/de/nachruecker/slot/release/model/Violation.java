package de.nachruecker.slot.release.model;

/** One broken rule, named by the request field it concerns (dotted path, e.g. {@code window.to}). */
public record Violation(String field, String message) {
}
