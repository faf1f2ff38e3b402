package de.nachruecker.registration.offer.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.registration.offer.application.RecordingOffers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** The offer lifecycle from the allocation service ({@code offers} topic), bound as {@code offerEvents-in-0}. */
@Configuration
public class OfferEventBindings {

    @Bean
    Consumer<Message<byte[]>> offerEvents(EventCodec codec, RecordingOffers recording) {
        return message -> recording.on(codec.decode(message.getPayload(), OfferEvent.class));
    }
}
