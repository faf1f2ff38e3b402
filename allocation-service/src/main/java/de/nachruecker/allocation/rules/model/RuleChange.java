package de.nachruecker.allocation.rules.model;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.vaccine.VaccineProduct;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A proposed new rule set version, as ops send it. A field left out ({@code null}) keeps the value of the version the
 * new one follows (the one in force at its {@code validFrom}), so leaving out {@code minAgeByProduct} can no longer
 * drop the 60+ limits. A version may not start in the past unless it is marked as a correction (then it is audited as
 * one, with who, when and the comment saying why).
 *
 * @param validFrom       when it takes over; {@code null}: now
 * @param minAgeByProduct limits that raise a product's own minimum age; keys must be products, values at least the
 *                        product's own minimum age ({@code {}}: only the products' own limits)
 * @param correction      whether a version that starts in the past is intended (a correction of the record)
 */
public record RuleChange(Instant validFrom, Set<PriorityGroup> openGroups, Boolean prioritised,
                         Map<String, Integer> minAgeByProduct, Integer responseWindowMinutes,
                         Integer minResponseWindowMinutes, Integer maxTravelMinutes, boolean correction) {

    /** A client's clock may run a little behind ours: "now" from a client is not "the past". */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);
    public static final int OLDEST_AGE = 120;

    /** One field the proposal gets wrong. */
    public record Violation(String field, String message) {
    }

    /** The proposal breaks the rules for rules; nothing was stored. */
    public static final class InvalidRuleChangeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<Violation> violations;

        public InvalidRuleChangeException(List<Violation> violations) {
            super("invalid rule change: " + violations);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /**
     * The rule set this change makes, as version {@code book.nextVersion()}.
     *
     * @throws InvalidRuleChangeException if a field breaks the rules for rules
     * @throws IllegalArgumentException   if the result is inconsistent (e.g. the minimum response window above the
     *                                    window)
     */
    public RuleSet applyTo(RuleBook book, Instant now) {
        List<Violation> violations = new ArrayList<>();
        Instant from = validFrom == null ? now : validFrom;
        if (from.isBefore(now.minus(CLOCK_TOLERANCE)) && !correction) {
            violations.add(new Violation("validFrom", "starts in the past (" + from + "); a version that rewrites "
                    + "the record must be marked \"correction\": true, with a comment saying why"));
        }
        if (minAgeByProduct != null) {
            minAgeByProduct.forEach((product, age) -> violations.addAll(checkLimit(product, age)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRuleChangeException(violations);
        }
        RuleSet previous = book.inForceAtOrFirst(from);
        return new RuleSet(book.nextVersion(), from,
                openGroups == null ? previous.openGroups() : EnumSet.copyOf(openGroups),
                prioritised == null ? previous.prioritised() : prioritised,
                minAgeByProduct == null ? previous.minAgeByProduct() : minAgeByProduct,
                responseWindowMinutes == null ? previous.responseWindow() : Duration.ofMinutes(responseWindowMinutes),
                minResponseWindowMinutes == null ? previous.minResponseWindow()
                        : Duration.ofMinutes(minResponseWindowMinutes),
                maxTravelMinutes == null ? previous.maxTravelMinutes() : maxTravelMinutes);
    }

    private static List<Violation> checkLimit(String product, Integer age) {
        String field = "minAgeByProduct." + product;
        var known = VaccineProduct.of(product);
        if (known.isEmpty()) {
            return List.of(new Violation("minAgeByProduct", "unknown product '" + abbreviated(product)
                    + "'; the products are " + Arrays.toString(VaccineProduct.values())));
        }
        if (age == null || age > OLDEST_AGE) {
            return List.of(new Violation(field, "must be an age up to " + OLDEST_AGE));
        }
        if (age < known.get().minimumAge()) {
            return List.of(new Violation(field, "would lower " + product + "'s own minimum age of "
                    + known.get().minimumAge() + "; a rule may raise a product's limit, never lower it"));
        }
        return List.of();
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** What would change against {@code current}, field by field, in a stable order. */
    public static List<Difference> differences(RuleSet current, RuleSet proposed) {
        List<Difference> differences = new ArrayList<>();
        compare(differences, "validFrom", current.validFrom(), proposed.validFrom());
        compare(differences, "openGroups", sorted(current.openGroups()), sorted(proposed.openGroups()));
        compare(differences, "prioritised", current.prioritised(), proposed.prioritised());
        for (VaccineProduct product : VaccineProduct.values()) {
            // the age that applies, the product's own raised by the rules: what a candidate notices
            compare(differences, "minimumAge." + product.name(), current.minimumAgeFor(product.name()).orElseThrow(),
                    proposed.minimumAgeFor(product.name()).orElseThrow());
        }
        compare(differences, "responseWindowMinutes", current.responseWindow().toMinutes(),
                proposed.responseWindow().toMinutes());
        compare(differences, "minResponseWindowMinutes", current.minResponseWindow().toMinutes(),
                proposed.minResponseWindow().toMinutes());
        compare(differences, "maxTravelMinutes", current.maxTravelMinutes(), proposed.maxTravelMinutes());
        return differences;
    }

    /** One field that a proposal changes: its value in the rules in force and in the proposal. */
    public record Difference(String field, Object inForce, Object proposed) {
    }

    private static List<PriorityGroup> sorted(Set<PriorityGroup> groups) {
        return groups.stream().sorted().toList();
    }

    private static void compare(List<Difference> differences, String field, Object before, Object after) {
        if (!before.equals(after)) {
            differences.add(new Difference(field, before, after));
        }
    }
}
