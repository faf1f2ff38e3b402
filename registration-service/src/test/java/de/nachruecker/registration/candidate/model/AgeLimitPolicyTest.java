package de.nachruecker.registration.candidate.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgeLimitPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2021, 5, 3);
    private final AgeLimitPolicy policy = new AgeLimitPolicy(16, 120);

    @Test
    void acceptsAgesFromSixteenToOneHundredTwenty() {
        assertThat(policy.check(TODAY.minusYears(16), TODAY)).isEmpty();
        assertThat(policy.check(TODAY.minusYears(121).plusDays(1), TODAY)).isEmpty();
        assertThat(policy.check(LocalDate.of(1941, 1, 1), TODAY)).isEmpty();
    }

    @Test
    void refusesTheYoungTheImplausibleAndTheFuture() {
        assertThat(policy.check(TODAY.minusYears(16).plusDays(1), TODAY))
                .contains("registration is open from the age of 16");
        assertThat(policy.check(TODAY.minusYears(121), TODAY)).contains("is not plausible (older than 120 years)");
        assertThat(policy.check(TODAY.plusDays(1), TODAY)).contains("must not be in the future");
    }

    @Test
    void limitsMustBeOrdered() {
        assertThatThrownBy(() -> new AgeLimitPolicy(30, 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
