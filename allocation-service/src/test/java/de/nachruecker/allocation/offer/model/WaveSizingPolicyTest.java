package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WaveSizingPolicyTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final WaveSizingPolicy policy = new WaveSizingPolicy(0.5, 4, 50);

    @Test
    void withPlentyOfTimeOverbooksByTheInverseAcceptanceRate() {
        // 6 doses, p = 0.5, 16 rounds left: ceil(6 × 1.0625 / 0.5) = 13
        assertThat(policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ofHours(4), WINDOW)).isEqualTo(13);
    }

    @Test
    void sendsMoreWhenTimeRunsShort() {
        int relaxed = policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ofHours(4), WINDOW);
        int lastRound = policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ofMinutes(20), WINDOW);
        assertThat(lastRound).isEqualTo(24).isGreaterThan(relaxed);
    }

    @Test
    void learnsFromTheObservedAcceptanceRate() {
        // 8 of 10 accepted: p = (8 + 2) / 14
        int eager = policy.offersToMake(release(6, 0, 0, 8, 10), Duration.ofHours(4), WINDOW);
        // 1 of 10 accepted: p = (1 + 2) / 14
        int reluctant = policy.offersToMake(release(6, 0, 0, 1, 10), Duration.ofHours(4), WINDOW);
        assertThat(eager).isLessThan(13).isLessThan(reluctant);
    }

    @Test
    void countsOpenOffersAndStopsWhenNothingIsLeft() {
        assertThat(policy.offersToMake(release(6, 0, 10, 0, 0), Duration.ofHours(4), WINDOW)).isEqualTo(3);
        assertThat(policy.offersToMake(release(6, 6, 0, 6, 6), Duration.ofHours(4), WINDOW)).isZero();
        assertThat(policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ZERO, WINDOW)).isZero();
        assertThat(new WaveSizingPolicy(0.5, 4, 5).offersToMake(release(6, 0, 0, 0, 0), Duration.ofHours(4), WINDOW))
                .isEqualTo(5);
    }

    private static Release release(int doses, int confirmed, int openOffers, int accepted, int answered) {
        Instant now = Instant.parse("2021-04-12T08:00:00Z");
        return new Release("r", "korbach", "COMIRNATY", doses, now, now.plusSeconds(14_400), now.plusSeconds(21_600),
                confirmed, ReleaseStatus.OPEN, openOffers, accepted, answered, 1);
    }
}
