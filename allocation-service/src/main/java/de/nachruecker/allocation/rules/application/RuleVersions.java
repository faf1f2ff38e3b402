package de.nachruecker.allocation.rules.application;

import de.nachruecker.allocation.rules.model.RuleVersion;

import java.util.List;

/** The stored rule set versions. */
public interface RuleVersions {

    /** @return false if a version with this number is stored already (seeded before, or taken concurrently) */
    boolean add(RuleVersion version);

    /** Every version, oldest first. */
    List<RuleVersion> all();
}
