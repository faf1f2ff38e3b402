package de.nachruecker.registration.candidate.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CentreChoicePolicyTest {

    private final CentreChoicePolicy policy = new CentreChoicePolicy(Set.of("korbach", "kassel", "fulda")::contains, 2);

    @Test
    void acceptsKnownCentresWithinTheLimit() {
        assertThat(policy.check(List.of("kassel", "korbach"))).isEmpty();
    }

    @Test
    void namesEveryProblem() {
        assertThat(policy.check(List.of())).containsExactly("choose between 1 and 2 centres");
        assertThat(policy.check(List.of("kassel", "atlantis", "kassel")))
                .containsExactly("choose between 1 and 2 centres", "unknown centre: atlantis",
                        "centre named twice: kassel");
    }
}
