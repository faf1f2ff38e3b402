package de.nachruecker.allocation.rules.model;

import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Issue #15 and #16: what a rule change may do, and what a field left out means. */
class RuleChangeTest {

    private static final Instant NOW = Instant.parse("2021-05-20T08:00:00Z");
    private final RuleBook book = GermanyRules2021.ruleBook();

    private static RuleChange change(Instant validFrom, Map<String, Integer> minAges, boolean correction) {
        return new RuleChange(validFrom, null, null, minAges, null, null, null, correction);
    }

    @Test
    void aFieldLeftOutKeepsTheValueOfTheVersionItFollows() {
        RuleSet next = new RuleChange(null, Set.of(PriorityGroup.values()), null, null, 10, null, null, false)
                .applyTo(book, NOW);

        RuleSet may = book.inForceAt(NOW);
        assertThat(next.version()).isEqualTo(book.nextVersion());
        assertThat(next.validFrom()).isEqualTo(NOW);
        assertThat(next.openGroups()).containsExactlyInAnyOrder(PriorityGroup.values());
        assertThat(next.responseWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(next.minAgeByProduct()).as("the 60+ limits stay").isEqualTo(may.minAgeByProduct())
                .containsEntry("VAXZEVRIA", 60).containsEntry("JANSSEN", 60);
        assertThat(next.prioritised()).isEqualTo(may.prioritised());
        assertThat(next.minResponseWindow()).isEqualTo(may.minResponseWindow());
        assertThat(next.maxTravelMinutes()).isEqualTo(may.maxTravelMinutes());
    }

    @Test
    void onlyKnownProductsMayBeLimited() {
        for (String product : new String[] {"$where", "SPUTNIK", "a.b", "comirnaty"}) {
            RuleChange.InvalidRuleChangeException refused = catchThrowableOfType(
                    RuleChange.InvalidRuleChangeException.class,
                    () -> change(null, Map.of(product, 60), false).applyTo(book, NOW));

            assertThat(refused.violations()).singleElement().satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("minAgeByProduct");
                assertThat(violation.message()).contains("unknown product", "COMIRNATY");
            });
        }
    }

    @Test
    void aRuleMayRaiseAProductsOwnLimitButNeverLowerIt() {
        RuleChange.InvalidRuleChangeException refused = catchThrowableOfType(
                RuleChange.InvalidRuleChangeException.class,
                () -> change(null, Map.of("SPIKEVAX", 17, "COMIRNATY", 15), false).applyTo(book, NOW));
        assertThat(refused.violations()).extracting(RuleChange.Violation::field)
                .containsExactlyInAnyOrder("minAgeByProduct.SPIKEVAX", "minAgeByProduct.COMIRNATY");
        assertThat(refused.violations()).allSatisfy(violation ->
                assertThat(violation.message()).contains("never lower it"));

        RuleSet raised = change(null, Map.of("SPIKEVAX", 30), false).applyTo(book, NOW);
        assertThat(raised.minimumAgeFor("SPIKEVAX")).hasValue(30);
        RuleSet ownOnly = change(null, Map.of(), false).applyTo(book, NOW);
        assertThat(ownOnly.minimumAgeFor("VAXZEVRIA")).as("the product's own 18, not 0").hasValue(18);
        assertThat(ownOnly.minimumAgeFor("SPIKEVAX")).hasValue(18);
        assertThat(ownOnly.minimumAgeFor("SPUTNIK")).isEmpty();
    }

    @Test
    void aVersionStartingInThePastIsACorrectionOrRefused() {
        Instant lastYear = Instant.parse("1999-01-01T00:00:00Z");
        RuleChange.InvalidRuleChangeException refused = catchThrowableOfType(
                RuleChange.InvalidRuleChangeException.class,
                () -> change(lastYear, null, false).applyTo(book, NOW));
        assertThat(refused.violations()).singleElement()
                .satisfies(violation -> assertThat(violation.field()).isEqualTo("validFrom"));

        RuleSet correction = change(lastYear, null, true).applyTo(book, NOW);
        assertThat(correction.validFrom()).isEqualTo(lastYear);
        assertThat(correction.openGroups()).as("before every version: the first one's values")
                .containsExactly(PriorityGroup.HIGHEST);

        assertThat(change(NOW.minusSeconds(30), null, false).applyTo(book, NOW).validFrom())
                .as("a client clock a little behind").isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void theDifferencesNameWhatAProposalChanges() {
        RuleSet inForce = book.inForceAt(NOW);
        RuleSet proposed = new RuleChange(null, null, null, Map.of("JANSSEN", 60), null, null, 90, false)
                .applyTo(book, NOW);

        assertThat(RuleChange.differences(inForce, proposed)).containsExactly(
                new RuleChange.Difference("validFrom", inForce.validFrom(), NOW),
                new RuleChange.Difference("minimumAge.VAXZEVRIA", 60, 18),
                new RuleChange.Difference("maxTravelMinutes", 60, 90));
    }
}
