package de.nachruecker.allocation.offer.application;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BusyCandidatesTest {

    private static final Instant NOW = Instant.parse("2021-06-10T08:00:00Z");
    private final BusyCandidates busy = new BusyCandidates();

    @Test
    void aHintLapsesAtTheDeadlineOrWhenItsOfferEnds() {
        busy.busy("a", "offer-a", NOW.plusSeconds(900));
        busy.busy("b", "offer-b", NOW.plusSeconds(900));

        assertThat(busy.isBusy("a", NOW)).isTrue();
        assertThat(busy.hint("a", NOW)).get().extracting(BusyCandidates.Hint::offerId).isEqualTo("offer-a");
        assertThat(busy.isBusy("a", NOW.plusSeconds(900))).isFalse();
        assertThat(busy.isBusy("a", NOW)).as("a lapsed hint is forgotten").isFalse();
        busy.ended("b", "offer-b", NOW);
        assertThat(busy.isBusy("b", NOW)).isFalse();
        assertThat(busy.isBusy("unknown", NOW)).isFalse();
    }

    /**
     * A wave's claim fails, it reads the candidate (offer-1 holds the claim), offer-1 ends and frees the candidate,
     * and only then does the wave set its hint: the candidate is free and must not look busy for the next minutes.
     */
    @Test
    void aHintForAnOfferThatHasEndedIsNotSetAgain() {
        busy.busy("x", "offer-1", NOW.plusSeconds(60));
        busy.ended("x", "offer-1", NOW.plusSeconds(1));

        busy.busy("x", "offer-1", NOW.plusSeconds(61)); // the late hint of the racing wave

        assertThat(busy.isBusy("x", NOW.plusSeconds(2))).isFalse();
        busy.busy("x", "offer-2", NOW.plusSeconds(62)); // a new offer is a new hint
        assertThat(busy.isBusy("x", NOW.plusSeconds(2))).isTrue();
    }

    @Test
    void anOfferEndingLateLeavesTheHintOfANewerOffer() {
        busy.busy("x", "offer-2", NOW.plusSeconds(60)); // offer-1's claim was freed, offer-2 claimed at once

        busy.ended("x", "offer-1", NOW); // offer-1's closing catches up

        assertThat(busy.hint("x", NOW)).get().extracting(BusyCandidates.Hint::offerId).isEqualTo("offer-2");
    }

    @Test
    void notesOfEndedOffersAreForgottenAfterAWhile() {
        busy.ended("x", "offer-1", NOW);
        busy.busy("y", "offer-2", NOW.plusSeconds(60));
        assertThat(busy.size()).isEqualTo(2);

        busy.forgetLapsed(NOW.plus(BusyCandidates.ENDED_NOTE));

        assertThat(busy.size()).isZero();
    }
}
