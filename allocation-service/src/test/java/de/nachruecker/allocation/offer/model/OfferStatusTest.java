package de.nachruecker.allocation.offer.model;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferStatusTest {

    @Test
    void everyAnswerOutcomeIsReachedFromMadeOnly() {
        for (OfferStatus end : EnumSet.of(OfferStatus.CONFIRMED, OfferStatus.DECLINED, OfferStatus.EXPIRED,
                OfferStatus.REJECTED_TOO_LATE, OfferStatus.VOID, OfferStatus.UNDELIVERABLE)) {
            assertThat(OfferStatus.MADE.to(end)).isEqualTo(end);
            assertThat(end.isOpen()).isFalse();
        }
        assertThatThrownBy(() -> OfferStatus.MADE.to(OfferStatus.MADE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAConfirmedAppointmentGetsAnArrivalOutcomeOrIsCancelled() {
        assertThat(OfferStatus.CONFIRMED.to(OfferStatus.VACCINATED)).isEqualTo(OfferStatus.VACCINATED);
        assertThat(OfferStatus.CONFIRMED.to(OfferStatus.MISSED)).isEqualTo(OfferStatus.MISSED);
        assertThat(OfferStatus.CONFIRMED.to(OfferStatus.CANCELLED)).isEqualTo(OfferStatus.CANCELLED);
        for (OfferStatus arrival : EnumSet.of(OfferStatus.VACCINATED, OfferStatus.MISSED, OfferStatus.CANCELLED)) {
            assertThatThrownBy(() -> OfferStatus.MADE.to(arrival)).isInstanceOf(IllegalStateException.class);
            assertThat(arrival.grantedDose()).isTrue();
        }
        for (OfferStatus from : EnumSet.complementOf(EnumSet.of(OfferStatus.MADE, OfferStatus.CONFIRMED))) {
            for (OfferStatus next : OfferStatus.values()) {
                assertThatThrownBy(() -> from.to(next)).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThatThrownBy(() -> OfferStatus.CONFIRMED.to(OfferStatus.DECLINED))
                .isInstanceOf(IllegalStateException.class);
        assertThat(OfferStatus.DECLINED.grantedDose()).isFalse();
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
