package de.nachruecker.allocation.rules.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Every rule set version; the one in force at an instant is the latest that started by then. */
public record RuleBook(List<RuleSet> versions) {

    public RuleBook {
        if (versions == null || versions.isEmpty()) {
            throw new IllegalArgumentException("a rule book needs at least one rule set");
        }
        versions = versions.stream().sorted(Comparator.comparingInt(RuleSet::version)).toList();
    }

    public RuleSet inForceAt(Instant when) {
        return versions.stream()
                .filter(rules -> !rules.validFrom().isAfter(when))
                .max(Comparator.comparing(RuleSet::validFrom).thenComparingInt(RuleSet::version))
                .orElseThrow(() -> new IllegalStateException("no rule set in force at " + when));
    }

    /** The version in force at {@code when}, or the first version for an instant before every version. */
    public RuleSet inForceAtOrFirst(Instant when) {
        return versions.stream()
                .filter(rules -> !rules.validFrom().isAfter(when))
                .max(Comparator.comparing(RuleSet::validFrom).thenComparingInt(RuleSet::version))
                .orElseGet(() -> versions.stream().min(Comparator.comparing(RuleSet::validFrom)).orElseThrow());
    }

    public int nextVersion() {
        return versions.get(versions.size() - 1).version() + 1;
    }
}
