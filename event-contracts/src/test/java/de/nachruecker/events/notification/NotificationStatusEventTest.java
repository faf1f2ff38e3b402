package de.nachruecker.events.notification;

import de.nachruecker.events.EventCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationStatusEventTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void sentRoundTripsWithItsTypeAndIsKeyedByNotificationId() {
        NotificationSent sent = new NotificationSent(UUID.randomUUID(), Instant.parse("2021-05-03T08:15:30Z"),
                "offer-1:OFFER", "c-1", MessageTemplate.OFFER, NotificationChannel.SMS, 2);

        byte[] json = codec.encode(sent);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"type\":\"NotificationSent.v1\"");
        assertThat(codec.decode(json, NotificationStatusEvent.class)).isEqualTo(sent);
        assertThat(sent.partitionKey()).isEqualTo("offer-1:OFFER");
        assertThat(codec.typeOf(sent)).isEqualTo(NotificationSent.TYPE);
    }

    @Test
    void failedRoundTripsWithoutAChannel() {
        NotificationFailed failed = new NotificationFailed(UUID.randomUUID(), Instant.parse("2021-05-03T08:15:30Z"),
                "n-2", "c-2", MessageTemplate.TOO_LATE, null, 0, "no-contact");

        byte[] json = codec.encode(failed);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"type\":\"NotificationFailed.v1\"");
        assertThat(codec.decode(json, NotificationStatusEvent.class)).isEqualTo(failed);
    }
}
