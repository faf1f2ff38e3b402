package de.nachruecker.allocation.ops.web;

import de.nachruecker.events.candidate.PriorityGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A new rule set version as ops propose it.
 *
 * @param validFrom   when it takes over; now if absent
 * @param comment     why the rules change (kept in the audit trail)
 */
public record RuleSetRequest(
        Instant validFrom,
        @NotEmpty Set<PriorityGroup> openGroups,
        @NotNull Boolean prioritised,
        Map<String, @Min(0) @Max(120) Integer> minAgeByProduct,
        @NotNull @Min(1) @Max(240) Integer responseWindowMinutes,
        @NotNull @Min(1) @Max(240) Integer minResponseWindowMinutes,
        @NotNull @Min(0) @Max(600) Integer maxTravelMinutes,
        @NotBlank String comment) {
}
