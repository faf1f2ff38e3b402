package de.nachruecker.load.sim;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReleasePlanTest {

    private static final List<String> CENTRES = List.of("sim-01", "sim-02", "sim-03");

    @Test
    void theReferenceDayReleasesExactlyItsDosesWithinTheDayWithVialTimeLeft() throws Exception {
        Scenario scenario = Scenario.read(Path.of("scenarios/reference-day.json"));

        List<ReleasePlan.PlannedRelease> plan = ReleasePlan.of(scenario, CENTRES);

        assertThat(plan.stream().mapToInt(ReleasePlan.PlannedRelease::doses).sum()).isEqualTo(2000);
        assertThat(plan).allSatisfy(release -> {
            assertThat(release.doses()).isBetween(1, 6);
            assertThat(release.at()).isBetween(Duration.ZERO, Duration.ofHours(12));
            assertThat(release.timeLeft()).isBetween(Duration.ofHours(3), Duration.ofHours(6));
            assertThat(CENTRES).contains(release.centreId());
        });
        assertThat(plan).isSortedAccordingTo(java.util.Comparator.comparing(ReleasePlan.PlannedRelease::at));
    }

    @Test
    void theSameSeedPlansTheSameDay() throws Exception {
        Scenario scenario = Scenario.read(Path.of("scenarios/reference-day.json"));

        assertThat(ReleasePlan.of(scenario, CENTRES)).isEqualTo(ReleasePlan.of(scenario, CENTRES));
    }

    @Test
    void compressedMinutesNeverFallBelowOneMinute() throws Exception {
        Scenario scenario = Scenario.read(Path.of("scenarios/reference-day.json"));

        assertThat(scenario.compression()).isEqualTo(40);
        assertThat(scenario.compressedMinutes(15)).isEqualTo(1);
        assertThat(scenario.compressedMinutes(120)).isEqualTo(3);
    }
}
