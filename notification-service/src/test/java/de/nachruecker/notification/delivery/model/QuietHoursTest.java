package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0),
            ZoneId.of("Europe/Berlin"));
    /** 08:00 in Berlin on 4 May 2021 (summer time, UTC+2). */
    private static final Instant MORNING = Instant.parse("2021-05-04T06:00:00Z");

    @Test
    void anOfferAtNightWaitsForTheMorningWhenItCanStillBeAnsweredThen() {
        Instant lateEvening = Instant.parse("2021-05-03T20:30:00Z"); // 22:30 in Berlin
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, deadline("2021-05-04T09:00:00Z"), lateEvening))
                .contains(MORNING);
        Instant earlyMorning = Instant.parse("2021-05-04T03:00:00Z"); // 05:00 in Berlin, after midnight
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, deadline("2021-05-04T09:00:00Z"), earlyMorning))
                .contains(MORNING);
    }

    @Test
    void anOfferWhoseDeadlineEndsBeforeTheMorningIsCalledAtOnce() {
        Instant lateEvening = Instant.parse("2021-05-03T20:30:00Z");
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, deadline("2021-05-03T21:15:00Z"), lateEvening))
                .isEmpty();
    }

    @Test
    void startAndEndAreInsideAndOutsideTheQuietHoursRespectively() {
        Instant nine = Instant.parse("2021-05-03T19:00:00Z"); // 21:00 in Berlin
        Instant eight = MORNING;
        Instant justBeforeNine = Instant.parse("2021-05-03T18:59:59Z");
        Map<String, String> late = deadline("2021-05-05T12:00:00Z");
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, late, nine)).contains(MORNING);
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, late, eight)).isEmpty();
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, late, justBeforeNine)).isEmpty();
    }

    @Test
    void callsThatAnswerThePersonsOwnActionAreNeverHeld() {
        Instant midnight = Instant.parse("2021-05-03T22:00:00Z");
        for (MessageTemplate template : MessageTemplate.values()) {
            if (template != MessageTemplate.OFFER) {
                assertThat(NIGHT.holdCallUntil(template, Map.of(), midnight)).as(template.name()).isEmpty();
            }
        }
    }

    @Test
    void aWindowWithinOneDayAndNoWindowAtAll() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), ZoneId.of("UTC"));
        Map<String, String> late = deadline("2021-05-05T12:00:00Z");
        assertThat(lunch.holdCallUntil(MessageTemplate.OFFER, late, Instant.parse("2021-05-03T13:00:00Z")))
                .contains(Instant.parse("2021-05-03T14:00:00Z"));
        assertThat(lunch.holdCallUntil(MessageTemplate.OFFER, late, Instant.parse("2021-05-03T15:00:00Z")))
                .isEmpty();
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("UTC"));
        assertThat(none.holdCallUntil(MessageTemplate.OFFER, late, Instant.parse("2021-05-03T00:30:00Z"))).isEmpty();
    }

    @Test
    void anOfferWithoutAReadableDeadlineIsHeld() {
        Instant lateEvening = Instant.parse("2021-05-03T20:30:00Z");
        assertThat(NIGHT.holdCallUntil(MessageTemplate.OFFER, Map.of("answerDeadline", "tomorrow"), lateEvening))
                .contains(MORNING);
    }

    private static Map<String, String> deadline(String instant) {
        return Map.of("answerDeadline", instant);
    }
}
