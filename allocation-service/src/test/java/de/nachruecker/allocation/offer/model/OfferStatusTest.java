package de.nachruecker.allocation.offer.model;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferStatusTest {

    @Test
    void everyOutcomeIsReachedFromMadeOnly() {
        for (OfferStatus end : EnumSet.complementOf(EnumSet.of(OfferStatus.MADE))) {
            assertThat(OfferStatus.MADE.to(end)).isEqualTo(end);
            assertThat(end.isOpen()).isFalse();
            for (OfferStatus next : OfferStatus.values()) {
                assertThatThrownBy(() -> end.to(next)).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThatThrownBy(() -> OfferStatus.MADE.to(OfferStatus.MADE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void answerTokensAreLongRandomAndOnlyTheirHashIsShown() {
        AnswerToken token = AnswerToken.generate(new SecureRandom());
        AnswerToken other = AnswerToken.generate(new SecureRandom());
        assertThat(token.raw()).hasSize(43).isNotEqualTo(other.raw()).matches("[A-Za-z0-9_-]+");
        assertThat(token.hash()).isEqualTo(AnswerToken.hashOf(token.raw())).isNotEqualTo(token.raw());
        assertThat(token.toString()).doesNotContain(token.raw());
    }
}
