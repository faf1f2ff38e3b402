package de.nachruecker.allocation.rules.persistence;

import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.candidate.PriorityGroup;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** One rule set version with its audit record: who changed the rules, when, and why. Versions are never updated. */
@Document(RuleSetDocument.COLLECTION)
public record RuleSetDocument(
        @Id int version, Instant validFrom, List<PriorityGroup> openGroups, boolean prioritised,
        Map<String, Integer> minAgeByProduct, long responseWindowSeconds, long minResponseWindowSeconds,
        int maxTravelMinutes, String changedBy, Instant changedAt, String comment) {

    public static final String COLLECTION = "rulesets";

    public static RuleSetDocument of(RuleSet rules, String changedBy, Instant changedAt, String comment) {
        return new RuleSetDocument(rules.version(), rules.validFrom(), List.copyOf(rules.openGroups()),
                rules.prioritised(), rules.minAgeByProduct(), rules.responseWindow().toSeconds(),
                rules.minResponseWindow().toSeconds(), rules.maxTravelMinutes(), changedBy, changedAt, comment);
    }

    public RuleSet toRuleSet() {
        return new RuleSet(version, validFrom, EnumSet.copyOf(openGroups), prioritised, minAgeByProduct,
                Duration.ofSeconds(responseWindowSeconds), Duration.ofSeconds(minResponseWindowSeconds),
                maxTravelMinutes);
    }
}
