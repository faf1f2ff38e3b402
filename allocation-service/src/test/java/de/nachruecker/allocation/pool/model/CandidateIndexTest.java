package de.nachruecker.allocation.pool.model;

import de.nachruecker.allocation.rules.model.GermanyRules2021;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateIndexTest {

    private final CandidateIndex index = new CandidateIndex();
    private final RuleSet may = GermanyRules2021.ruleBook().inForceAt(Instant.parse("2021-05-20T10:00:00Z"));
    private final RuleSet june = GermanyRules2021.ruleBook().inForceAt(Instant.parse("2021-06-20T10:00:00Z"));

    @Test
    void ranksByOpenGroupThenWaitingTimeWhilePrioritised() {
        index.put(candidate("late-highest", PriorityGroup.HIGHEST, 50, "korbach"));
        index.put(candidate("early-raised", PriorityGroup.RAISED, 1, "korbach"));
        index.put(candidate("early-general", PriorityGroup.GENERAL, 0, "korbach"));
        index.put(candidate("mid-high", PriorityGroup.HIGH, 10, "korbach", "kassel"));
        index.put(candidate("other-centre", PriorityGroup.HIGHEST, 0, "kassel"));

        assertThat(ids(index.ranked("korbach", may))).containsExactly("late-highest", "mid-high", "early-raised");
        assertThat(ids(index.ranked("korbach", june)))
                .containsExactly("early-general", "early-raised", "mid-high", "late-highest");
        assertThat(ids(index.ranked("kassel", may))).containsExactly("other-centre", "mid-high");
        assertThat(ids(index.ranked("nowhere", may))).isEmpty();
    }

    @Test
    void anUpdateMovesTheCandidateAndARemovalDropsThem() {
        index.put(candidate("a", PriorityGroup.HIGH, 1, "korbach"));
        index.put(candidate("b", PriorityGroup.HIGH, 2, "korbach"));
        index.put(candidate("a", PriorityGroup.HIGH, 1, "kassel"));

        assertThat(ids(index.ranked("korbach", may))).containsExactly("b");
        assertThat(ids(index.ranked("kassel", may))).containsExactly("a");
        index.remove("a");
        assertThat(ids(index.ranked("kassel", may))).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    static PoolCandidate candidate(String id, PriorityGroup group, int minutesRegistered, String... centres) {
        return new PoolCandidate(id, LocalDate.of(1950, 1, 1), group, Set.of(centres), 20,
                Instant.parse("2021-01-01T00:00:00Z").plusSeconds(60L * minutesRegistered));
    }

    private static List<String> ids(Iterator<PoolCandidate> ranked) {
        List<String> ids = new ArrayList<>();
        ranked.forEachRemaining(candidate -> ids.add(candidate.id()));
        return ids;
    }
}
