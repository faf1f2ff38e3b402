package de.nachruecker.load.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySummaryTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencySummary summary = LatencySummary.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i))
                .toList());

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.p90()).isEqualTo(90.0);
        assertThat(summary.p99()).isEqualTo(99.0);
        assertThat(summary.max()).isEqualTo(100.0);
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        LatencySummary summary = LatencySummary.of(List.of(3.0, 1.0, 2.0));

        assertThat(summary.p50()).isEqualTo(2.0);
        assertThat(summary.p90()).isEqualTo(3.0);
        assertThat(summary.p99()).isEqualTo(3.0);
    }

    @Test
    void noSamplesGiveNoNumbers() {
        LatencySummary summary = LatencySummary.of(List.of());

        assertThat(summary.count()).isZero();
        assertThat(summary.p50()).isNaN();
    }
}
