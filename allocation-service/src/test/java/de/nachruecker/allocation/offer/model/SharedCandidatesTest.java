package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SharedCandidatesTest {

    private final SharedCandidates shared = new SharedCandidates();

    @Test
    void aCandidateGoesToOneWaveOfTheBatchOnly() {
        List<PoolCandidate> ranked = candidates("a", "b", "c", "d", "e");
        Iterator<PoolCandidate> first = ranked.iterator();
        Iterator<PoolCandidate> second = ranked.iterator();

        assertThat(ids(shared.take(first, 2))).containsExactly("a", "b");
        assertThat(ids(shared.take(second, 2))).as("the next two nobody took").containsExactly("c", "d");
        assertThat(ids(shared.take(first, 2))).as("the first wave's next round: what is left")
                .containsExactly("e");
        assertThat(shared.take(second, 2)).isEmpty();
    }

    @Test
    void aCandidateTakenOnceIsNotTakenAgainEvenByTheSameWave() {
        List<PoolCandidate> ranked = candidates("a", "b");

        assertThat(ids(shared.take(ranked.iterator(), 1))).containsExactly("a");
        assertThat(ids(shared.take(ranked.iterator(), 5))).containsExactly("b");
        assertThat(shared.take(ranked.iterator(), 0)).isEmpty();
    }

    private static List<PoolCandidate> candidates(String... ids) {
        return Arrays.stream(ids).map(id -> new PoolCandidate(id, LocalDate.of(1950, 1, 1),
                PriorityGroup.GENERAL, Set.of("centre"), 10, Instant.parse("2021-03-01T00:00:00Z"))).toList();
    }

    private static List<String> ids(List<PoolCandidate> candidates) {
        return candidates.stream().map(PoolCandidate::id).toList();
    }
}
