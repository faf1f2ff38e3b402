package de.nachruecker.registration.offer.application;

import de.nachruecker.registration.offer.model.Answer;
import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.offer.model.OfferState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** Counters of what happens to offers at the citizen's door. */
@Component
public class OfferMetrics {

    private final MeterRegistry meters;

    OfferMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void received(String centreId) {
        Counter.builder("registration.offers.received").description("Offers made to citizens, as received")
                .tag("centre", centreId).register(meters).increment();
    }

    void answered(Answer answer) {
        Counter.builder("registration.offers.answered").description("Answers taken from citizens")
                .tag("answer", lower(answer)).register(meters).increment();
    }

    void refused(AnswerRefusedException.Reason reason) {
        Counter.builder("registration.offers.answers.refused").description("Answers refused (token unknown, used "
                + "or expired)").tag("reason", lower(reason)).register(meters).increment();
    }

    void closed(OfferState state) {
        Counter.builder("registration.offers.closed").description("Offers decided by the allocation service")
                .tag("state", lower(state)).register(meters).increment();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
