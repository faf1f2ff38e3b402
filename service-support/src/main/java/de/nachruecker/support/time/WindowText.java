package de.nachruecker.support.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The platform's one rule for showing an appointment window: in the centre's zone, and with the end's own date
 * whenever the window ends on a later day than it starts (a window from 23:30 to 02:00 ends tomorrow, and a page or
 * message that shows only "23:30 to 02:00" sends people on the wrong night). Each page and message formats the
 * parts in its own language and words; this decides which parts there are.
 *
 * @param fromDate  the start's date
 * @param fromTime  the start's time of day
 * @param toDate    the end's date; equal to {@code fromDate} unless {@link #overnight()}
 * @param toTime    the end's time of day
 * @param overnight the window ends on a later day than it starts: show {@code toDate} too
 */
public record WindowText(String fromDate, String fromTime, String toDate, String toTime, boolean overnight) {

    /**
     * @param date formats a date (e.g. {@code EEEE, d. MMMM yyyy})
     * @param time formats a time of day (e.g. {@code HH:mm})
     */
    public static WindowText of(Instant from, Instant to, ZoneId zone, DateTimeFormatter date,
                                DateTimeFormatter time) {
        ZonedDateTime start = Objects.requireNonNull(from, "from").atZone(zone);
        ZonedDateTime end = Objects.requireNonNull(to, "to").atZone(zone);
        return new WindowText(date.format(start), time.format(start), date.format(end), time.format(end),
                end.toLocalDate().isAfter(start.toLocalDate()));
    }
}
