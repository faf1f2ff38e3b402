package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.allocation.rules.model.RuleVersion;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.vaccine.VaccineProduct;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One rule set version with who added it, when and why, and whether it was a correction of the record.
 *
 * @param minAgeByProduct the rule's own limits
 * @param minimumAges     the age that applies per product: the product's own, raised by the rule's limit
 */
public record RuleSetResponse(
        int version, Instant validFrom, List<PriorityGroup> openGroups, boolean prioritised,
        Map<String, Integer> minAgeByProduct, Map<String, Integer> minimumAges, long responseWindowMinutes,
        long minResponseWindowMinutes, int maxTravelMinutes, String changedBy, Instant changedAt, String comment,
        boolean correction) {

    static RuleSetResponse of(RuleVersion stored) {
        RuleSet rules = stored.rules();
        return new RuleSetResponse(rules.version(), rules.validFrom(), rules.openGroups().stream().sorted().toList(),
                rules.prioritised(), new TreeMap<>(rules.minAgeByProduct()), minimumAges(rules),
                rules.responseWindow().toMinutes(), rules.minResponseWindow().toMinutes(), rules.maxTravelMinutes(),
                stored.changedBy(), stored.changedAt(), stored.comment(), stored.correction());
    }

    /** A version not stored (a dry run): no audit fields. */
    static RuleSetResponse proposed(RuleSet rules, String comment) {
        return new RuleSetResponse(rules.version(), rules.validFrom(), rules.openGroups().stream().sorted().toList(),
                rules.prioritised(), new TreeMap<>(rules.minAgeByProduct()), minimumAges(rules),
                rules.responseWindow().toMinutes(), rules.minResponseWindow().toMinutes(), rules.maxTravelMinutes(),
                null, null, comment, false);
    }

    private static Map<String, Integer> minimumAges(RuleSet rules) {
        Map<String, Integer> ages = new LinkedHashMap<>();
        for (VaccineProduct product : VaccineProduct.values()) {
            ages.put(product.name(), rules.minimumAgeFor(product.name()).orElseThrow());
        }
        return ages;
    }
}
