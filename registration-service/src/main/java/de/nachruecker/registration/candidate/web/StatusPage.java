package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.registration.offer.web.OfferDetails;
import de.nachruecker.registration.candidate.application.ReadingOwnStatus;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The citizen's status as the page shows it.
 *
 * @param band            message key of the position band, {@code null} unless in the pool
 * @param missedOn        date of the last missed appointment, {@code null} if none
 * @param offer           the offer waiting for the answer or the decision, {@code null} if none
 * @param offerAnswered   the answer is given and the decision awaited
 * @param deadline        the answer deadline (ISO instant), for the countdown script
 * @param minutesLeft     whole minutes left to answer when the page was made
 * @param appointment     the confirmed appointment, {@code null} if none
 */
record StatusPage(String status, boolean awaitingVerification, boolean open, String registeredOn, String band,
                  String missedOn, List<String> centreNames, Integer travelMinutes, String language,
                  OfferDetails offer, boolean offerAnswered, String deadline, long minutesLeft,
                  OfferDetails appointment) {

    static StatusPage of(ReadingOwnStatus.OwnStatus status, OfferDetails offer, OfferDetails appointment,
                         CentreCatalogue centres, DateTimeFormatter date, ZoneId zone, Instant now) {
        Registration registration = status.registration();
        Offer open = status.openOffer().orElse(null);
        return new StatusPage(
                appointment != null ? "status.APPOINTMENT" : "status." + registration.status().name(),
                !registration.isVerified() && !registration.isWithdrawn(),
                !registration.isWithdrawn(),
                date.withZone(zone).format(registration.registeredAt()),
                status.band().map(band -> "band." + band.name()).orElse(null),
                registration.missedAppointmentAt().map(date.withZone(zone)::format).orElse(null),
                registration.preferences().map(preferences -> preferences.centreIds().stream()
                        .map(id -> centres.find(id).map(Centre::name).orElse(id)).toList()).orElse(List.of()),
                registration.preferences().map(preferences -> preferences.maxTravelMinutes()).orElse(null),
                registration.preferences().map(preferences -> "language." + preferences.language().code())
                        .orElse(null),
                offer,
                open != null && open.state() == OfferState.ANSWERED,
                open == null ? null : open.answerDeadline().toString(),
                open == null ? 0 : Math.max(0, Duration.between(now, open.answerDeadline()).toMinutes()),
                appointment);
    }
}
