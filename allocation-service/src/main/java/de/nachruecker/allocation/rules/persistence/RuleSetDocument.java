package de.nachruecker.allocation.rules.persistence;

import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.candidate.PriorityGroup;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule set version with its audit record: who changed the rules, when, why, and whether it rewrote the record
 * ({@code correction}: a version that starts in the past). Versions are never updated.
 *
 * <p>Product limits are stored as a list of {@code {product, minimumAge}} entries, never as a map: a map's keys
 * become field names in MongoDB, where a key like {@code $where} or one with a dot is an operator or a path.
 * {@code minAgeByProduct} is read from versions stored before, and never written.
 */
@Document(RuleSetDocument.COLLECTION)
public record RuleSetDocument(
        @Id int version, Instant validFrom, List<PriorityGroup> openGroups, boolean prioritised,
        List<ProductMinimumAge> minimumAges, Map<String, Integer> minAgeByProduct, long responseWindowSeconds,
        long minResponseWindowSeconds, int maxTravelMinutes, String changedBy, Instant changedAt, String comment,
        boolean correction) {

    public static final String COLLECTION = "rulesets";

    /** A rule's minimum age for one product. */
    public record ProductMinimumAge(String product, int minimumAge) {
    }

    public static RuleSetDocument of(RuleSet rules, String changedBy, Instant changedAt, String comment,
                                     boolean correction) {
        List<ProductMinimumAge> minimumAges = rules.minAgeByProduct().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new ProductMinimumAge(entry.getKey(), entry.getValue())).toList();
        return new RuleSetDocument(rules.version(), rules.validFrom(), List.copyOf(rules.openGroups()),
                rules.prioritised(), minimumAges, null, rules.responseWindow().toSeconds(),
                rules.minResponseWindow().toSeconds(), rules.maxTravelMinutes(), changedBy, changedAt, comment,
                correction);
    }

    /** The limits by product, from the entries (or from the map of a version stored before there were entries). */
    public Map<String, Integer> limits() {
        if (minimumAges == null) {
            return minAgeByProduct == null ? Map.of() : minAgeByProduct;
        }
        Map<String, Integer> limits = new LinkedHashMap<>();
        minimumAges.forEach(entry -> limits.put(entry.product(), entry.minimumAge()));
        return limits;
    }

    public RuleSet toRuleSet() {
        return new RuleSet(version, validFrom, EnumSet.copyOf(openGroups), prioritised, limits(),
                Duration.ofSeconds(responseWindowSeconds), Duration.ofSeconds(minResponseWindowSeconds),
                maxTravelMinutes);
    }
}
