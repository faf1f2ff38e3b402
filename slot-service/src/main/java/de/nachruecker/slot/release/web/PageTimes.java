package de.nachruecker.slot.release.web;

import de.nachruecker.slot.config.SlotProperties;
import de.nachruecker.support.time.WindowText;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Times as operators read and type them on the pages: local time of the centre's zone, to the minute. The HTML
 * {@code datetime-local} field sends {@code 2021-05-03T14:30} (seconds optional).
 */
@Component
class PageTimes {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ZoneId zone;
    private final Clock clock;

    PageTimes(SlotProperties properties, Clock clock) {
        this.zone = properties.zone();
        this.clock = clock;
    }

    ZoneId zone() {
        return zone;
    }

    Instant now() {
        return clock.instant();
    }

    String shown(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    /** A window by the platform's rule: the end's date is shown whenever the window ends on a later day. */
    WindowText window(Instant from, Instant to) {
        return WindowText.of(from, to, zone, DATE, TIME);
    }

    /** The value of a {@code datetime-local} field. */
    String field(Instant instant) {
        return instant == null ? "" : FIELD.format(instant.atZone(zone));
    }

    /**
     * The instant a {@code datetime-local} value names, empty if blank.
     *
     * @throws IllegalArgumentException if it is not a local date and time
     */
    Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value.strip()).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a local date and time: " + value, e);
        }
    }

    /** Whole minutes until {@code instant}, 0 once it has passed. */
    long minutesUntil(Instant instant) {
        return Math.max(0, Duration.between(now(), instant).truncatedTo(ChronoUnit.MINUTES).toMinutes());
    }
}
