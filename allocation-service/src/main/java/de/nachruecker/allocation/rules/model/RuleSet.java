package de.nachruecker.allocation.rules.model;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One dated version of the eligibility rules: in force from {@code validFrom} until a later version starts.
 *
 * @param openGroups          priority groups that may be offered doses
 * @param prioritised         {@code true} while CoronaImpfV prioritisation applies: open groups are served in rank
 *                            order; {@code false} after it ended: waiting time alone decides
 * @param minAgeByProduct     minimum age at the appointment date per vaccine product (absent: no limit)
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

    public Optional<Integer> minAgeFor(String product) {
        return Optional.ofNullable(minAgeByProduct.get(product));
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
