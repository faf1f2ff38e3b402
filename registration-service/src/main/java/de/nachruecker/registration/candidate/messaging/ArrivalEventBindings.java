package de.nachruecker.registration.candidate.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.registration.candidate.application.RecordingArrivals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** What centres recorded for confirmed appointments ({@code arrivals} topic), bound as {@code arrivalEvents-in-0}. */
@Configuration
public class ArrivalEventBindings {

    @Bean
    Consumer<Message<byte[]>> arrivalEvents(EventCodec codec, RecordingArrivals recording) {
        return message -> recording.on(codec.decode(message.getPayload(), ArrivalEvent.class));
    }
}
