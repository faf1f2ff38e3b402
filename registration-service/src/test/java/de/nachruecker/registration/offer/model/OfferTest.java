package de.nachruecker.registration.offer.model;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferTest {

    private static final Logger log = LoggerFactory.getLogger(OfferTest.class);
    private static final Instant NOW = Instant.parse("2021-05-20T10:00:00Z");
    private static final Instant DEADLINE = NOW.plus(Duration.ofMinutes(15));

    private static Offer open() {
        return Offer.made("offer-1", "release-1", "candidate-1", "korbach", "COMIRNATY",
                NOW.plus(Duration.ofMinutes(45)), NOW.plus(Duration.ofMinutes(90)), DEADLINE);
    }

    @Test
    void anOpenOfferCanBeAnsweredOnceAndOnlyBeforeItsDeadline() {
        Offer offer = open();
        assertThat(offer.answerableAt(NOW)).isTrue();
        assertThat(offer.refusalAt(DEADLINE.minusMillis(1))).isEmpty();
        assertThat(offer.refusalAt(DEADLINE)).contains(AnswerRefusedException.Reason.EXPIRED);

        Offer answered = offer.answered(Answer.ACCEPT);
        assertThat(answered.state()).isEqualTo(OfferState.ANSWERED);
        assertThat(answered.refusalAt(NOW)).contains(AnswerRefusedException.Reason.USED);
        assertThatThrownBy(() -> answered.answered(Answer.DECLINE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedOfferIsUsedOrExpiredForAnswers() {
        assertThat(open().closed(Closing.EXPIRED).refusalAt(NOW)).contains(AnswerRefusedException.Reason.EXPIRED);
        assertThat(open().closed(Closing.DECLINED).refusalAt(NOW)).contains(AnswerRefusedException.Reason.USED);
    }

    @Test
    void theAllocationServicesDecisionSettlesTheOffer() {
        Offer accepted = open().answered(Answer.ACCEPT);
        Offer declined = open().answered(Answer.DECLINE);
        assertThat(accepted.stateAfter(Closing.CONFIRMED)).isEqualTo(OfferState.CONFIRMED);
        assertThat(accepted.stateAfter(Closing.REJECTED_TOO_LATE)).isEqualTo(OfferState.TAKEN);
        // accepted, but the release filled or was withdrawn meanwhile: the dose is gone, the place is kept
        assertThat(accepted.stateAfter(Closing.EXPIRED)).isEqualTo(OfferState.TAKEN);
        assertThat(declined.stateAfter(Closing.DECLINED)).isEqualTo(OfferState.DECLINED);
        assertThat(declined.stateAfter(Closing.EXPIRED)).isEqualTo(OfferState.DECLINED);
        assertThat(open().stateAfter(Closing.EXPIRED)).isEqualTo(OfferState.EXPIRED);
    }

    /** Whatever order and repetition events arrive in, the first decision stays. */
    @Test
    void aDecidedOfferNeverChangesAgain() {
        long seed = 20210607L;
        log.info("seed {}", seed);
        Random random = new Random(seed);
        Closing[] closings = Closing.values();
        for (int run = 0; run < 1_000; run++) {
            Offer offer = random.nextBoolean() ? open() : open().answered(Answer.values()[random.nextInt(2)]);
            Offer decided = offer.closed(closings[random.nextInt(closings.length)]);
            assertThat(decided.state().isFinal()).isTrue();
            for (int step = 0; step < 5; step++) {
                Offer again = decided.closed(closings[random.nextInt(closings.length)]);
                assertThat(again.state()).as("seed %d run %d", seed, run).isEqualTo(decided.state());
                assertThat(again.refusalAt(NOW)).isPresent();
            }
        }
    }

    @Test
    void aConfirmedAppointmentCarriesItsReferenceAndIsCancelledOnceByItsCitizen() {
        Offer appointment = open().answered(Answer.ACCEPT).confirmed("7K3M-Q9XA");
        assertThat(appointment.state()).isEqualTo(OfferState.CONFIRMED);
        assertThat(appointment.reference()).isEqualTo("7K3M-Q9XA");
        assertThat(appointment.isAppointment()).isTrue();
        assertThat(appointment.refusalAt(NOW)).contains(AnswerRefusedException.Reason.USED);

        Offer cancelled = appointment.cancelled();
        assertThat(cancelled.state()).isEqualTo(OfferState.CANCELLED);
        assertThat(cancelled.isAppointment()).isFalse();
        assertThatThrownBy(cancelled::cancelled).isInstanceOf(IllegalStateException.class);
        // a confirmation redelivered after the cancellation changes nothing
        assertThat(cancelled.confirmed("7K3M-Q9XA").state()).isEqualTo(OfferState.CANCELLED);
        assertThat(cancelled.arrivalRecorded().state()).isEqualTo(OfferState.CANCELLED);
        assertThatThrownBy(() -> open().cancelled()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> open().closed(Closing.REJECTED_TOO_LATE).cancelled())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAppointmentWhoseArrivalIsRecordedIsOverAndCannotBeCancelled() {
        Offer over = open().confirmed("7K3M-Q9XA").arrivalRecorded();
        assertThat(over.state()).isEqualTo(OfferState.ARRIVAL_RECORDED);
        assertThat(over.isAppointment()).isFalse();
        assertThatThrownBy(over::cancelled).isInstanceOf(IllegalStateException.class);
        assertThat(open().arrivalRecorded().state()).isEqualTo(OfferState.OPEN);
    }
}
