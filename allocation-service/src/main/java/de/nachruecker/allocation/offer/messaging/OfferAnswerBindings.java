package de.nachruecker.allocation.offer.messaging;

import de.nachruecker.allocation.offer.application.AnsweringOffers;
import de.nachruecker.allocation.offer.application.AppointmentCancellations;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.offer.AppointmentCancelled;
import de.nachruecker.events.offer.OfferAnswerEvent;
import de.nachruecker.events.offer.OfferAnswered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

@Configuration
public class OfferAnswerBindings {

    /** The citizen's answers to open offers, and cancellations of confirmed appointments (which end them like an arrival). */
    @Bean
    Consumer<Message<byte[]>> offerAnswers(EventCodec codec, AnsweringOffers answering, AppointmentCancellations arrivals) {
        return message -> {
            OfferAnswerEvent event = codec.decode(message.getPayload(), OfferAnswerEvent.class);
            if (event instanceof OfferAnswered answer) {
                answering.answer(answer);
            } else if (event instanceof AppointmentCancelled cancelled) {
                arrivals.cancel(cancelled);
            }
        };
    }
}
