package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.rules.persistence.RuleSetDocument;
import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One rule set version with who added it, when and why. */
public record RuleSetResponse(
        int version, Instant validFrom, List<PriorityGroup> openGroups, boolean prioritised,
        Map<String, Integer> minAgeByProduct, long responseWindowMinutes, long minResponseWindowMinutes,
        int maxTravelMinutes, String changedBy, Instant changedAt, String comment) {

    static RuleSetResponse of(RuleSetDocument document) {
        return new RuleSetResponse(document.version(), document.validFrom(),
                document.openGroups().stream().sorted().toList(), document.prioritised(),
                document.minAgeByProduct(), document.responseWindowSeconds() / 60,
                document.minResponseWindowSeconds() / 60, document.maxTravelMinutes(), document.changedBy(),
                document.changedAt(), document.comment());
    }
}
