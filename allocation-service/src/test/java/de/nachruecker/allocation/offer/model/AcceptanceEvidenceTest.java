package de.nachruecker.allocation.offer.model;

import org.junit.jupiter.api.Test;

import static de.nachruecker.allocation.offer.model.AcceptanceEvidence.NO;
import static de.nachruecker.allocation.offer.model.AcceptanceEvidence.NONE;
import static de.nachruecker.allocation.offer.model.AcceptanceEvidence.YES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceptanceEvidenceTest {

    @Test
    void anOfferThatEndedUnseenSaysNothingAboutAcceptance() {
        assertThat(AcceptanceEvidence.of(OfferStatus.EXPIRED, false)).isEqualTo(NONE);
        assertThat(AcceptanceEvidence.of(OfferStatus.VOID, false)).isEqualTo(NONE);
        assertThat(AcceptanceEvidence.of(OfferStatus.UNDELIVERABLE, false)).isEqualTo(NONE);
        assertThat(NONE.answered()).isFalse();
        assertThat(NONE.accepted()).isFalse();
    }

    @Test
    void anOfferThatEndedAfterDeliveryWithoutAYesIsANo() {
        assertThat(AcceptanceEvidence.of(OfferStatus.EXPIRED, true)).isEqualTo(NO);
        assertThat(AcceptanceEvidence.of(OfferStatus.VOID, true)).isEqualTo(NO);
        assertThat(NO.answered()).isTrue();
        assertThat(NO.accepted()).isFalse();
    }

    @Test
    void anAnswerProvesTheOfferWasSeenWhateverTheDeliveryReportSays() {
        for (boolean delivered : new boolean[] {true, false}) {
            assertThat(AcceptanceEvidence.of(OfferStatus.DECLINED, delivered)).isEqualTo(NO);
            assertThat(AcceptanceEvidence.of(OfferStatus.REJECTED_TOO_LATE, delivered)).isEqualTo(YES);
            assertThat(AcceptanceEvidence.of(OfferStatus.CONFIRMED, delivered)).isEqualTo(YES);
        }
        assertThat(YES.answered()).isTrue();
        assertThat(YES.accepted()).isTrue();
    }

    @Test
    void anOpenOfferIsNoEvidenceYet() {
        assertThatThrownBy(() -> AcceptanceEvidence.of(OfferStatus.MADE, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
