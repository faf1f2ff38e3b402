package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.rules.model.GermanyRules2021;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityPoliciesTest {

    private static final Instant NOW = Instant.parse("2021-04-12T08:00:00Z");
    private final RuleSet april = GermanyRules2021.ruleBook().inForceAt(NOW);

    @Test
    void priorityGroupPolicyAdmitsOnlyOpenGroups() {
        OfferContext context = context(release("COMIRNATY", 120, 360));
        assertThat(new PriorityGroupPolicy().admits(candidate(PriorityGroup.HIGH, 70, 10), context)).isTrue();
        assertThat(new PriorityGroupPolicy().admits(candidate(PriorityGroup.RAISED, 70, 10), context)).isFalse();
    }

    @Test
    void ageLimitPolicyCountsTheAgeOnTheAppointmentDay() {
        OfferContext vaxzevria = context(release(GermanyRules2021.VAXZEVRIA, 120, 360));
        PoolCandidate turnsSixtyToday = new PoolCandidate("c", LocalDate.of(1961, 4, 12), PriorityGroup.HIGH,
                Set.of("korbach"), 10, NOW);
        PoolCandidate turnsSixtyTomorrow = new PoolCandidate("d", LocalDate.of(1961, 4, 13), PriorityGroup.HIGH,
                Set.of("korbach"), 10, NOW);
        assertThat(new AgeLimitPolicy().admits(turnsSixtyToday, vaxzevria)).isTrue();
        assertThat(new AgeLimitPolicy().admits(turnsSixtyTomorrow, vaxzevria)).isFalse();
        assertThat(new AgeLimitPolicy().admits(turnsSixtyTomorrow, context(release("COMIRNATY", 120, 360))))
                .isTrue();
    }

    @Test
    void centrePolicyAdmitsOnlyWhoChoseTheCentre() {
        OfferContext context = context(release("COMIRNATY", 120, 360));
        assertThat(new CentrePolicy().admits(candidate(PriorityGroup.HIGH, 70, 10), context)).isTrue();
        PoolCandidate elsewhere = new PoolCandidate("e", LocalDate.of(1950, 1, 1), PriorityGroup.HIGH,
                Set.of("kassel"), 10, NOW);
        assertThat(new CentrePolicy().admits(elsewhere, context)).isFalse();
    }

    @Test
    void arrivalFeasibilityNeedsResponseWindowPlusTravelBeforeWindowEndAndUsableUntil() {
        // window ends in 40 min: 15 min to answer + 25 min travel fits, 26 does not
        OfferContext context = context(release("COMIRNATY", 40, 360));
        assertThat(new ArrivalFeasibilityPolicy().admits(candidate(PriorityGroup.HIGH, 70, 25), context)).isTrue();
        assertThat(new ArrivalFeasibilityPolicy().admits(candidate(PriorityGroup.HIGH, 70, 26), context)).isFalse();
        // usable-until is the tighter limit
        OfferContext vial = context(release("COMIRNATY", 360, 40));
        assertThat(new ArrivalFeasibilityPolicy().admits(candidate(PriorityGroup.HIGH, 70, 26), vial)).isFalse();
        // the rule's travel limit
        assertThat(new ArrivalFeasibilityPolicy().admits(candidate(PriorityGroup.HIGH, 70, 61),
                context(release("COMIRNATY", 600, 600)))).isFalse();
    }

    @Test
    void theResponseWindowShrinksWhenTheVialClockRunsShort() {
        assertThat(context(release("COMIRNATY", 360, 360)).responseWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(context(release("COMIRNATY", 360, 20)).responseWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(context(release("COMIRNATY", 360, 6)).responseWindow()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void noOpenOfferPolicyExcludesBusyCandidatesAndThoseAlreadyAskedForThisRelease() {
        Release release = release("COMIRNATY", 120, 360);
        PoolCandidate candidate = candidate(PriorityGroup.HIGH, 70, 10);
        assertThat(new NoOpenOfferPolicy().admits(candidate, context(release))).isTrue();
        assertThat(new NoOpenOfferPolicy().admits(candidate,
                new OfferContext(release, april, NOW, id -> true, id -> false))).isFalse();
        assertThat(new NoOpenOfferPolicy().admits(candidate,
                new OfferContext(release, april, NOW, id -> false, id -> true))).isFalse();
    }

    private OfferContext context(Release release) {
        return new OfferContext(release, april, NOW, id -> false, id -> false);
    }

    static Release release(String product, int windowEndsInMinutes, int usableForMinutes) {
        return new Release("r1", "korbach", product, 6, NOW, NOW.plusSeconds(60L * windowEndsInMinutes),
                NOW.plusSeconds(60L * usableForMinutes), 0, ReleaseStatus.OPEN, 0, 0, 0, 0);
    }

    private static PoolCandidate candidate(PriorityGroup group, int age, int travelMinutes) {
        return new PoolCandidate("c", LocalDate.of(2021 - age, 1, 1), group, Set.of("korbach"), travelMinutes,
                NOW.minusSeconds(86_400));
    }
}
