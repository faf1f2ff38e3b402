package de.nachruecker.allocation.rules.model;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.vaccine.VaccineProduct;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One dated version of the eligibility rules: in force from {@code validFrom} until a later version starts.
 *
 * @param openGroups          priority groups that may be offered doses
 * @param prioritised         {@code true} while CoronaImpfV prioritisation applies: open groups are served in rank
 *                            order; {@code false} after it ended: waiting time alone decides
 * @param minAgeByProduct     minimum age at the appointment date per vaccine product, where the rules raise it above
 *                            the product's own (absent: the product's own minimum age applies)
 * @param responseWindow      how long a candidate has to answer an offer
 * @param minResponseWindow   the response window never shrinks below this when the vial clock runs short
 * @param maxTravelMinutes    candidates who need longer to reach the centre are not offered doses
 */
public record RuleSet(
        int version,
        Instant validFrom,
        Set<PriorityGroup> openGroups,
        boolean prioritised,
        Map<String, Integer> minAgeByProduct,
        Duration responseWindow,
        Duration minResponseWindow,
        int maxTravelMinutes) {

    public RuleSet {
        if (version < 1) {
            throw new IllegalArgumentException("rule set versions start at 1");
        }
        if (validFrom == null) {
            throw new IllegalArgumentException("a rule set needs validFrom");
        }
        if (openGroups == null || openGroups.isEmpty()) {
            throw new IllegalArgumentException("a rule set must open at least one priority group");
        }
        openGroups = Set.copyOf(EnumSet.copyOf(openGroups));
        minAgeByProduct = Map.copyOf(minAgeByProduct == null ? Map.of() : minAgeByProduct);
        if (responseWindow == null || minResponseWindow == null || minResponseWindow.isNegative()
                || minResponseWindow.isZero() || responseWindow.compareTo(minResponseWindow) < 0) {
            throw new IllegalArgumentException("need 0 < minResponseWindow <= responseWindow");
        }
        if (maxTravelMinutes < 0) {
            throw new IllegalArgumentException("maxTravelMinutes must not be negative");
        }
    }

    /** This rule set's own limit for a product, if it sets one (see {@link #minimumAgeFor} for what applies). */
    public Optional<Integer> minAgeFor(String product) {
        return Optional.ofNullable(minAgeByProduct.get(product));
    }

    /**
     * The youngest age a product may be offered to under these rules: the product's own minimum age
     * ({@link VaccineProduct}), raised by this rule set's limit where it sets a higher one, never lowered. Empty for
     * a code that names no product: such a dose is offered to no one.
     */
    public OptionalInt minimumAgeFor(String product) {
        return VaccineProduct.of(product).map(known -> OptionalInt.of(
                        Math.max(known.minimumAge(), minAgeByProduct.getOrDefault(product, 0))))
                .orElse(OptionalInt.empty());
    }

    public boolean isOpen(PriorityGroup group) {
        return openGroups.contains(group);
    }

    /** The same rules as a new version, valid from {@code from}. */
    public RuleSet asVersion(int newVersion, Instant from) {
        return new RuleSet(newVersion, from, openGroups, prioritised, minAgeByProduct, responseWindow,
                minResponseWindow, maxTravelMinutes);
    }
}
