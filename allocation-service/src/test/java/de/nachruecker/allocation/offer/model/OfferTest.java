package de.nachruecker.allocation.offer.model;

import de.nachruecker.events.offer.OfferExpired;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferTest {

    private static final Instant MADE_AT = Instant.parse("2021-06-10T08:00:00Z");
    private static final Instant DEADLINE = MADE_AT.plus(Duration.ofMinutes(15));

    private final Offer open = Offer.make("o1", "r1", "c1", "korbach", "COMIRNATY", 1, 1, 6, MADE_AT, DEADLINE,
            "hash");

    @Test
    void aNewOfferIsOpenAndNotSentUntilItsMessageIsRequested() {
        assertThat(open.isOpen()).isTrue();
        assertThat(open.sent()).isFalse();
        assertThat(open.withMessageRequested().sent()).isTrue();
    }

    @Test
    void aYesMeetsTheOfferInTimeAfterItsDeadlineOrAfterItsEnd() {
        assertThat(open.accept(DEADLINE)).isEqualTo(Offer.Acceptance.IN_TIME);
        assertThat(open.accept(DEADLINE.plusMillis(1))).isEqualTo(Offer.Acceptance.AFTER_DEADLINE);
        assertThat(open.withAcceptance(MADE_AT).accept(DEADLINE.plusSeconds(60)))
                .isEqualTo(Offer.Acceptance.RECORDED_BEFORE);
        Offer declined = open.after(Offer.Change.answered(OfferStatus.DECLINED), MADE_AT);
        assertThat(declined.accept(MADE_AT)).isEqualTo(Offer.Acceptance.AFTER_END);
    }

    @Test
    void aRecordedYesStopsTheDeadlineAndTheEndOfTheReleaseButNotTheWithdrawal() {
        Offer accepted = open.withAcceptance(MADE_AT.plusSeconds(30));
        for (OfferExpired.Reason reason : new OfferExpired.Reason[] {OfferExpired.Reason.DEADLINE_PASSED,
                OfferExpired.Reason.RELEASE_FILLED, OfferExpired.Reason.RELEASE_WITHDRAWN,
                OfferExpired.Reason.RELEASE_EXPIRED}) {
            assertThat(Offer.end(reason).appliesTo(accepted)).as(reason.name()).isFalse();
            assertThat(Offer.end(reason).appliesTo(open)).as(reason.name()).isTrue();
        }
        Offer withdrawn = accepted.after(Offer.end(OfferExpired.Reason.CANDIDATE_WITHDRAWN), DEADLINE);
        assertThat(withdrawn.status()).isEqualTo(OfferStatus.VOID);
        assertThat(withdrawn.decidedAt()).isEqualTo(DEADLINE);
        assertThat(accepted.after(Offer.Change.answered(OfferStatus.REJECTED_TOO_LATE), DEADLINE).status())
                .isEqualTo(OfferStatus.REJECTED_TOO_LATE);
    }

    @Test
    void anOfferLeavesMadeOnceAndOnlyAnAppointmentEndsAfterThat() {
        Offer confirmed = open.after(Offer.Change.answered(OfferStatus.CONFIRMED), MADE_AT);
        assertThat(confirmed.after(Offer.Change.answered(OfferStatus.DECLINED), MADE_AT)).isSameAs(confirmed);
        assertThat(confirmed.withAcceptance(MADE_AT)).isSameAs(confirmed);
        assertThat(confirmed.withDelivery(MADE_AT)).isSameAs(confirmed);
        Offer missed = confirmed.after(Offer.Change.appointment(OfferStatus.MISSED), DEADLINE);
        assertThat(missed.status()).isEqualTo(OfferStatus.MISSED);
        assertThat(missed.arrivalRecordedAt()).isEqualTo(DEADLINE);
        assertThat(open.after(Offer.Change.appointment(OfferStatus.MISSED), DEADLINE)).isSameAs(open);
        assertThatThrownBy(() -> Offer.Change.answered(OfferStatus.VACCINATED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Offer.Change.appointment(OfferStatus.DECLINED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnOfferThatEndedWithoutADoseFreesItsCandidateAndCountsAsEvidence() {
        assertThat(open.endedWithoutDose()).isFalse();
        Offer expiredUnseen = open.after(Offer.end(OfferExpired.Reason.DEADLINE_PASSED), DEADLINE);
        assertThat(expiredUnseen.endedWithoutDose()).isTrue();
        assertThat(expiredUnseen.evidence()).isEqualTo(AcceptanceEvidence.NONE);
        Offer expiredSeen = open.withDelivery(MADE_AT).after(Offer.end(OfferExpired.Reason.DEADLINE_PASSED),
                DEADLINE);
        assertThat(expiredSeen.evidence()).isEqualTo(AcceptanceEvidence.NO);
        assertThat(open.after(Offer.Change.answered(OfferStatus.CONFIRMED), DEADLINE).endedWithoutDose()).isFalse();
    }
}
