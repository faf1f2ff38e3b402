package de.nachruecker.allocation.rules.model;

import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

    private final RuleBook book = GermanyRules2021.ruleBook();

    @Test
    void followsThePhasesOf2021() {
        RuleSet january = book.inForceAt(Instant.parse("2021-01-15T10:00:00Z"));
        assertThat(january.openGroups()).containsExactly(PriorityGroup.HIGHEST);
        assertThat(january.minAgeFor(GermanyRules2021.VAXZEVRIA)).isEmpty();

        RuleSet april = book.inForceAt(Instant.parse("2021-04-01T10:00:00Z"));
        assertThat(april.openGroups()).containsExactlyInAnyOrder(PriorityGroup.HIGHEST, PriorityGroup.HIGH);
        assertThat(april.minAgeFor(GermanyRules2021.VAXZEVRIA)).contains(60);
        assertThat(april.minAgeFor(GermanyRules2021.JANSSEN)).isEmpty();

        RuleSet may = book.inForceAt(Instant.parse("2021-05-20T10:00:00Z"));
        assertThat(may.openGroups()).contains(PriorityGroup.RAISED).doesNotContain(PriorityGroup.GENERAL);
        assertThat(may.minAgeFor(GermanyRules2021.JANSSEN)).contains(60);
        assertThat(may.prioritised()).isTrue();

        RuleSet june = book.inForceAt(Instant.parse("2021-06-07T08:00:00Z"));
        assertThat(june.openGroups()).containsExactlyInAnyOrder(PriorityGroup.values());
        assertThat(june.prioritised()).isFalse();
        assertThat(june.responseWindow()).isEqualTo(GermanyRules2021.RESPONSE_WINDOW);
    }

    @Test
    void aNewVersionTakesOverFromItsDateOn() {
        RuleSet current = book.inForceAt(Instant.parse("2021-06-10T00:00:00Z"));
        Instant from = Instant.parse("2021-06-11T00:00:00Z");
        RuleBook changed = new RuleBook(
                java.util.stream.Stream.concat(book.versions().stream(),
                        java.util.stream.Stream.of(current.asVersion(book.nextVersion(), from))).toList());

        assertThat(changed.inForceAt(from.minusSeconds(1)).version()).isEqualTo(current.version());
        assertThat(changed.inForceAt(from).version()).isEqualTo(7);
        assertThat(changed.nextVersion()).isEqualTo(8);
    }

    @Test
    void nothingIsInForceBeforeTheFirstVersion() {
        assertThatThrownBy(() -> book.inForceAt(Instant.parse("2020-01-01T00:00:00Z")))
                .isInstanceOf(IllegalStateException.class);
    }
}
