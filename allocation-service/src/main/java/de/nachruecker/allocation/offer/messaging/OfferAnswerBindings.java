package de.nachruecker.allocation.offer.messaging;

import de.nachruecker.allocation.offer.application.AnsweringOffers;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.offer.OfferAnswered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

@Configuration
public class OfferAnswerBindings {

    @Bean
    Consumer<Message<byte[]>> offerAnswers(EventCodec codec, AnsweringOffers answering) {
        return message -> answering.answer(codec.decode(message.getPayload(), OfferAnswered.class));
    }
}
