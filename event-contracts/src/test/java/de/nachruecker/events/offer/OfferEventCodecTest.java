package de.nachruecker.events.offer;

import de.nachruecker.events.EventCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfferEventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final Instant now = Instant.parse("2021-04-12T09:00:00Z");

    @Test
    void everyOfferEventSurvivesTheWireWithItsVersionedType() {
        List<OfferEvent> events = List.of(
                new OfferMade(UUID.randomUUID(), now, "r1", "o1", "c1", "korbach", "COMIRNATY", 1, 3, 2,
                        now, now.plusSeconds(3600), now.plusSeconds(900), "hash"),
                new OfferConfirmed(UUID.randomUUID(), now, "r1", "o1", "c1", "korbach", now, now.plusSeconds(3600)),
                new OfferRejectedTooLate(UUID.randomUUID(), now, "r1", "o1", "c1"),
                new OfferDeclined(UUID.randomUUID(), now, "r1", "o1", "c1"),
                new OfferExpired(UUID.randomUUID(), now, "r1", "o1", "c1", OfferExpired.Reason.DEADLINE_PASSED),
                new ReleaseFilled(UUID.randomUUID(), now, "r1", "korbach", 6, 6),
                new DosesAtRisk(UUID.randomUUID(), now, "r1", "korbach", "COMIRNATY", 2, now.plusSeconds(1800)),
                new DosesExpired(UUID.randomUUID(), now, "r1", "korbach", "COMIRNATY", 2));
        for (OfferEvent event : events) {
            byte[] json = codec.encode(event);
            assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"type\":\"" + codec.typeOf(event) + "\"");
            assertThat(codec.decode(json, OfferEvent.class)).isEqualTo(event);
            assertThat(event.partitionKey()).isEqualTo("r1");
        }
    }

    @Test
    void anUnknownTypeIsMalformed() {
        byte[] json = "{\"type\":\"OfferTeleported.v1\",\"releaseId\":\"r1\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(json, OfferEvent.class))
                .isInstanceOf(EventCodec.MalformedEventException.class);
    }
}
