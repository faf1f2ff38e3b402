package de.nachruecker.allocation.arrival.messaging;

import de.nachruecker.allocation.arrival.application.RecordingArrivals;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.arrival.ArrivalEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

@Configuration
public class ArrivalBindings {

    /** Not named like the topic: a bean named "arrivals" would shadow the destination StreamBridge sends to. */
    @Bean
    Consumer<Message<byte[]>> arrivalEvents(EventCodec codec, RecordingArrivals recording) {
        return message -> recording.record(codec.decode(message.getPayload(), ArrivalEvent.class));
    }
}
