package de.nachruecker.allocation.rules.model;

import java.time.Instant;

/**
 * One rule set version with its audit record: who added it, when, why, and whether it rewrote the record
 * ({@code correction}: a version that starts in the past). Versions are never changed.
 */
public record RuleVersion(RuleSet rules, String changedBy, Instant changedAt, String comment, boolean correction) {
}
