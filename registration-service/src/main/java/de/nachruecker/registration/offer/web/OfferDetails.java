package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.time.WindowText;
import org.springframework.context.MessageSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An offer as the citizen reads it: centre by name and address, times in the centre's zone and the page language.
 *
 * @param demoCentre  the centre is demo data shipped with the platform, which must not pass for a real one
 * @param centrePhone the centre's phone number, {@code null} if the catalogue has none
 * @param toDate      the window's end date when it ends on a later day than it starts, {@code null} otherwise
 * @param window      the whole window in words ("Sonntag, 6. Dezember 2026, zwischen 14:00 und 16:00 Uhr", or with
 *                    both dates when it crosses midnight)
 * @param reference   the confirmed appointment's reference, {@code null} until confirmed
 */
public record OfferDetails(String centreName, String centreAddress, boolean demoCentre, String centrePhone,
                           String product, String date, String from, String to, String toDate, String window,
                           String deadline, String reference) {

    static OfferDetails of(Offer offer, Centre centre, MessageSource messages, Locale locale, ZoneId zone) {
        DateTimeFormatter date = pattern(messages, "format.date", locale, zone);
        DateTimeFormatter time = pattern(messages, "format.time", locale, zone);
        DateTimeFormatter dateTime = pattern(messages, "format.datetime", locale, zone);
        WindowText window = offer.windowFrom() == null || offer.windowTo() == null ? null
                : WindowText.of(offer.windowFrom(), offer.windowTo(), zone, date, time);
        return new OfferDetails(
                centre == null ? offer.centreId() : centre.name(),
                centre == null ? "" : centre.address(),
                centre != null && centre.demo(),
                centre == null ? null : centre.phone(),
                messages.getMessage("product." + offer.product(), null, offer.product(), locale),
                window == null ? "" : window.fromDate(), window == null ? "" : window.fromTime(),
                window == null ? "" : window.toTime(),
                window != null && window.overnight() ? window.toDate() : null,
                window == null ? "" : windowInWords(window, messages, locale),
                format(dateTime, offer.answerDeadline()),
                offer.reference());
    }

    /** The same words on every page: one day, or both dates when the window crosses midnight. */
    private static String windowInWords(WindowText window, MessageSource messages, Locale locale) {
        return window.overnight()
                ? messages.getMessage("offer.window.overnight",
                new Object[] {window.fromDate(), window.fromTime(), window.toDate(), window.toTime()}, locale)
                : messages.getMessage("offer.window.value",
                new Object[] {window.fromDate(), window.fromTime(), window.toTime()}, locale);
    }

    private static DateTimeFormatter pattern(MessageSource messages, String key, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, locale), locale).withZone(zone);
    }

    private static String format(DateTimeFormatter formatter, Instant instant) {
        return instant == null ? "" : formatter.format(instant);
    }
}
