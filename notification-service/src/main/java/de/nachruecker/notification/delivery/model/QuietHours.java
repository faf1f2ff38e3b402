package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When the phone of a landline must not ring unasked, e.g. 21:00 to 08:00 in Europe/Berlin (the window may span
 * midnight; start equal to end means no quiet hours). Only offers are held: every other call answers something the
 * person did a moment ago (asked for a code, pressed a key, withdrew) and is expected. An offer is still called at
 * night when its answer deadline falls before the quiet hours end: held until morning it could no longer be answered
 * and its dose, whose vial clock set that deadline, would go to waste.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
    }

    /** @return until when a call of {@code template} must wait, or empty to call now */
    public Optional<Instant> holdCallUntil(MessageTemplate template, Map<String, String> parameters, Instant now) {
        if (template != MessageTemplate.OFFER) {
            return Optional.empty();
        }
        Optional<Instant> quietEnd = endOfQuietHoursAround(now);
        if (quietEnd.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> deadline = instant(parameters.get("answerDeadline"));
        if (deadline.isPresent() && deadline.get().isBefore(quietEnd.get())) {
            return Optional.empty();
        }
        return quietEnd;
    }

    /** When the quiet hours {@code now} falls into end, or empty when {@code now} is outside them. */
    Optional<Instant> endOfQuietHoursAround(Instant now) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean spansMidnight = start.isAfter(end);
        boolean quiet = spansMidnight ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = local.toLocalDate().atTime(end).atZone(zone);
        return Optional.of((time.isBefore(end) ? endToday : endToday.plusDays(1)).toInstant());
    }

    private static Optional<Instant> instant(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
