package de.nachruecker.allocation.pool.model;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** A verified candidate in the standby pool: pseudonymous, only what eligibility and ranking need. */
public record PoolCandidate(
        String id, LocalDate birthDate, PriorityGroup group, Set<String> centreIds, int travelMinutes,
        Instant registeredAt) {

    public PoolCandidate {
        centreIds = Set.copyOf(centreIds);
    }
}
