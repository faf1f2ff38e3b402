package de.nachruecker.allocation.offer.application;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BusyCandidatesTest {

    private static final Instant NOW = Instant.parse("2021-06-10T08:00:00Z");
    private final BusyCandidates busy = new BusyCandidates();

    @Test
    void aHintLapsesAtTheDeadlineOrWhenFreed() {
        busy.busy("a", NOW.plusSeconds(900));
        busy.busy("b", NOW.plusSeconds(900));

        assertThat(busy.isBusy("a", NOW)).isTrue();
        assertThat(busy.isBusy("a", NOW.plusSeconds(900))).isFalse();
        assertThat(busy.isBusy("a", NOW)).as("a lapsed hint is forgotten").isFalse();
        busy.free("b");
        assertThat(busy.isBusy("b", NOW)).isFalse();
        assertThat(busy.isBusy("unknown", NOW)).isFalse();
    }
}
