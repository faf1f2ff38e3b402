package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.web.ReleaseApi.FillBody;

import java.util.List;
import java.util.Objects;

/**
 * A release as the operator pages show it: times in local time of the centre's zone, names instead of codes.
 *
 * @param minutesLeft until usable-until, 0 once passed
 * @param mayWrite    whether the signed-in user may correct it, withdraw it and record arrivals
 * @param fillVersion         changes whenever the fill region's content changes (also each minute: time left)
 * @param appointmentsVersion changes only when the appointments change, so that the table an operator is about to
 *                            click in is not replaced every minute
 */
record ReleaseView(String id, String centreId, String centreName, String product, String productName,
                   int doseCount, String date, String windowFrom, String windowTo, String usableUntil,
                   String vialOpenedAt, ReleaseStatus status, String publishedAt, String withdrawalReason,
                   FillBody fill, long minutesLeft, List<AppointmentView> appointments, boolean mayWrite,
                   String fillVersion, String appointmentsVersion) {

    static ReleaseView of(Release release, String centreName, String productName, boolean mayWrite,
                          PageTimes times) {
        long minutesLeft = times.minutesUntil(release.usableUntil());
        FillBody fill = new FillBody(release.fill());
        List<AppointmentView> appointments = release.fill().appointments().stream()
                .map(a -> AppointmentView.of(a, times)).toList();
        return new ReleaseView(release.id(), release.centreId(), centreName, release.product(), productName,
                release.doseCount(), times.shown(release.window().from()).substring(0, 10),
                times.time(release.window().from()), times.time(release.window().to()),
                times.shown(release.usableUntil()), times.shown(release.vialOpenedAt()), release.status(),
                times.shown(release.publishedAt()), release.withdrawalReason(), fill, minutesLeft,
                appointments, mayWrite, Integer.toHexString(Objects.hash(fill, minutesLeft)),
                Integer.toHexString(appointments.hashCode()));
    }

    // public: the page templates call these
    public boolean open() {
        return status == ReleaseStatus.PUBLISHED;
    }

    public long hoursLeft() {
        return minutesLeft / 60;
    }

    public long minutesLeftInHour() {
        return minutesLeft % 60;
    }

    /** @param arrival {@code null} while nothing is recorded */
    record AppointmentView(String offerId, String reference, String window, Arrival arrival, String recordedAt) {

        static AppointmentView of(Appointment appointment, PageTimes times) {
            return new AppointmentView(appointment.offerId(), appointment.reference(),
                    times.time(appointment.window().from()) + "–" + times.time(appointment.window().to()),
                    appointment.arrival(),
                    appointment.recordedAt() == null ? null : times.shown(appointment.recordedAt()));
        }
    }
}
