package de.nachruecker.slot.release.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.slot.release.application.TrackingFill;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** The offer lifecycle from the allocation service ({@code offers} topic), bound as {@code offerEvents-in-0}. */
@Configuration(proxyBeanMethods = false)
class OfferEventBindings {

    @Bean
    Consumer<Message<byte[]>> offerEvents(EventCodec codec, TrackingFill tracking) {
        return message -> tracking.on(codec.decode(message.getPayload(), OfferEvent.class));
    }
}
