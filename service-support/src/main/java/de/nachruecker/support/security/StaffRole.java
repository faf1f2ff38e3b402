package de.nachruecker.support.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a member of staff may do. Operators act for the centres they are bound to; ops watch the whole platform and
 * keep its rules; admins may do everything. {@code MONITORING} is not a person but the metrics scraper (Prometheus):
 * it reads the metrics, the Prometheus scrape and the health details, and nothing else (no API, no page, no rules).
 */
public enum StaffRole {
    OPERATOR, OPS, ADMIN, MONITORING;

    private static final String PREFIX = "ROLE_";

    public String authority() {
        return PREFIX + name();
    }

    /** The role a token claim or configuration value names, in any case; empty for names we do not know. */
    static Optional<StaffRole> named(String name) {
        String normalised = name.toUpperCase(Locale.ROOT);
        if (normalised.startsWith(PREFIX)) {
            normalised = normalised.substring(PREFIX.length());
        }
        for (StaffRole role : values()) {
            if (role.name().equals(normalised)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
