package de.nachruecker.registration.offer.application;

import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counters of what happens to offers at the citizen's door. Every counter whose tags are known at start-up (answers,
 * refusal reasons, final states, catalogue centres) is registered at zero, so that {@code increase()} sees the first
 * event.
 */
@Component
public class OfferMetrics {

    private final MeterRegistry meters;

    OfferMetrics(MeterRegistry meters, CentreCatalogue centres) {
        this.meters = meters;
        centres.all().stream().map(Centre::id).forEach(this::receivedCounter);
        Arrays.stream(Answer.values()).forEach(this::answeredCounter);
        Arrays.stream(AnswerRefusedException.Reason.values()).forEach(this::refusedCounter);
        Arrays.stream(OfferState.values()).filter(OfferState::isFinal).forEach(this::closedCounter);
    }

    void received(String centreId) {
        receivedCounter(centreId).increment();
    }

    void answered(Answer answer) {
        answeredCounter(answer).increment();
    }

    void refused(AnswerRefusedException.Reason reason) {
        refusedCounter(reason).increment();
    }

    public void closed(OfferState state) {
        closedCounter(state).increment();
    }

    private Counter receivedCounter(String centreId) {
        return Counter.builder("registration.offers.received").description("Offers made to citizens, as received")
                .tag("centre", centreId).register(meters);
    }

    private Counter answeredCounter(Answer answer) {
        return Counter.builder("registration.offers.answered").description("Answers taken from citizens")
                .tag("answer", lower(answer)).register(meters);
    }

    private Counter refusedCounter(AnswerRefusedException.Reason reason) {
        return Counter.builder("registration.offers.answers.refused").description("Answers refused (token unknown, "
                + "used or expired)").tag("reason", lower(reason)).register(meters);
    }

    private Counter closedCounter(OfferState state) {
        return Counter.builder("registration.offers.closed").description("Offers decided by the allocation service")
                .tag("state", lower(state)).register(meters);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
