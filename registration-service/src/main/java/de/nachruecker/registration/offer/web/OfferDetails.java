package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.support.centre.Centre;
import org.springframework.context.MessageSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An offer as the citizen reads it: centre by name and address, times in the centre's zone and the page language.
 *
 * @param demoCentre the centre is demo data shipped with the platform, which must not pass for a real one
 */
public record OfferDetails(String centreName, String centreAddress, boolean demoCentre, String product, String date,
                    String from, String to, String deadline) {

    static OfferDetails of(Offer offer, Centre centre, MessageSource messages, Locale locale, ZoneId zone) {
        DateTimeFormatter date = pattern(messages, "format.date", locale, zone);
        DateTimeFormatter time = pattern(messages, "format.time", locale, zone);
        DateTimeFormatter dateTime = pattern(messages, "format.datetime", locale, zone);
        return new OfferDetails(
                centre == null ? offer.centreId() : centre.name(),
                centre == null ? "" : centre.address(),
                centre != null && centre.demo(),
                messages.getMessage("product." + offer.product(), null, offer.product(), locale),
                format(date, offer.windowFrom()), format(time, offer.windowFrom()), format(time, offer.windowTo()),
                format(dateTime, offer.answerDeadline()));
    }

    private static DateTimeFormatter pattern(MessageSource messages, String key, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofPattern(messages.getMessage(key, null, locale), locale).withZone(zone);
    }

    private static String format(DateTimeFormatter formatter, Instant instant) {
        return instant == null ? "" : formatter.format(instant);
    }
}
