package de.nachruecker.allocation.release.messaging;

import de.nachruecker.allocation.release.application.ReleasingDoses;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.release.ReleaseEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

@Configuration
public class ReleaseBindings {

    @Bean
    Consumer<Message<byte[]>> doseReleases(EventCodec codec, ReleasingDoses releasing) {
        return message -> {
            long received = System.nanoTime();
            releasing.handle(codec.decode(message.getPayload(), ReleaseEvent.class), received);
        };
    }
}
