package de.nachruecker.allocation.offer.messaging;

import de.nachruecker.allocation.offer.application.TrackingOfferDelivery;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.notification.NotificationStatusEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

@Configuration
public class NotificationStatusBindings {

    /** Not named like the topic: a bean named like a destination would shadow it for StreamBridge. */
    @Bean
    Consumer<Message<byte[]>> notificationOutcomes(EventCodec codec, TrackingOfferDelivery tracking) {
        return message -> tracking.track(codec.decode(message.getPayload(), NotificationStatusEvent.class));
    }
}
