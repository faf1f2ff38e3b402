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
                new OfferConfirmed(UUID.randomUUID(), now, "r1", "o1", "c1", "korbach", now, now.plusSeconds(3600),
                        "ABCD-EFGH"),
                new OfferCancelled(UUID.randomUUID(), now, "r1", "o1", "c1", "korbach", "ABCD-EFGH"),
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
    void aConfirmationWrittenBeforeV2GetsTheSameDerivedReference() {
        byte[] v1 = ("{\"type\":\"OfferConfirmed.v1\",\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":"
                + "\"2021-04-12T09:00:00Z\",\"releaseId\":\"r1\",\"offerId\":\"o1\",\"candidateId\":\"c1\","
                + "\"centreId\":\"korbach\",\"windowFrom\":\"2021-04-12T10:00:00Z\",\"windowTo\":"
                + "\"2021-04-12T12:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        OfferConfirmed confirmed = (OfferConfirmed) codec.decode(v1, OfferEvent.class);
        assertThat(confirmed.reference()).isEqualTo(AppointmentReference.of("o1"));
        assertThat(new String(codec.encode(confirmed), StandardCharsets.UTF_8))
                .contains("\"type\":\"OfferConfirmed.v2\"");
    }

    @Test
    void theCitizensAnswersAndCancellationsShareTheirTopicsType() {
        List<OfferAnswerEvent> events = List.of(
                new OfferAnswered(UUID.randomUUID(), now, "o1", "r1", "c1", OfferAnswered.Answer.ACCEPT),
                new AppointmentCancelled(UUID.randomUUID(), now, "o1", "r1", "c1"));
        for (OfferAnswerEvent event : events) {
            byte[] json = codec.encode(event);
            assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"type\":\"" + codec.typeOf(event) + "\"");
            assertThat(codec.decode(json, OfferAnswerEvent.class)).isEqualTo(event);
            assertThat(event.partitionKey()).isEqualTo("r1");
        }
        assertThat(codec.decode(codec.encode(events.get(0)), OfferAnswered.class)).isEqualTo(events.get(0));
    }

    @Test
    void anUnknownTypeIsMalformed() {
        byte[] json = "{\"type\":\"OfferTeleported.v1\",\"releaseId\":\"r1\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(json, OfferEvent.class))
                .isInstanceOf(EventCodec.MalformedEventException.class);
    }
}
