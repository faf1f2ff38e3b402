package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStage;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.web.ReleaseApi.FillBody;
import de.nachruecker.support.time.WindowText;

import java.util.List;
import java.util.Objects;

/**
 * A release as the operator pages show it: times in local time of the centre's zone, names instead of codes.
 *
 * @param windowToDate the end's date when the window ends on a later day than it starts, {@code null} otherwise
 * @param stage        what the pages show as the release's status: filled and expired, not only published
 * @param minutesLeft until usable-until, 0 once passed
 * @param mayWrite    whether the signed-in user may correct it, withdraw it and record arrivals
 * @param fillVersion         changes whenever the fill region's content changes (also each minute: time left)
 * @param appointmentsVersion changes only when the appointments change, so that the table an operator is about to
 *                            click in is not replaced every minute
 */
record ReleaseView(String id, String centreId, String centreName, String product, String productName,
                   int doseCount, String date, String windowFrom, String windowTo, String windowToDate,
                   String usableUntil, String vialOpenedAt, ReleaseStatus status, ReleaseStage stage,
                   String publishedAt, String withdrawalReason,
                   FillBody fill, long minutesLeft, List<AppointmentView> appointments, boolean mayWrite,
                   String fillVersion, String appointmentsVersion) {

    static ReleaseView of(Release release, String centreName, String productName, boolean mayWrite,
                          PageTimes times) {
        long minutesLeft = times.minutesUntil(release.usableUntil());
        FillBody fill = new FillBody(release.fill());
        List<AppointmentView> appointments = release.fill().appointments().stream()
                .map(a -> AppointmentView.of(a, times)).toList();
        WindowText window = times.window(release.window().from(), release.window().to());
        return new ReleaseView(release.id(), release.centreId(), centreName, release.product(), productName,
                release.doseCount(), window.fromDate(), window.fromTime(), window.toTime(),
                window.overnight() ? window.toDate() : null,
                times.shown(release.usableUntil()), times.shown(release.vialOpenedAt()), release.status(),
                release.stage(times.now()), times.shown(release.publishedAt()), release.withdrawalReason(), fill,
                minutesLeft, appointments, mayWrite, Integer.toHexString(Objects.hash(fill, minutesLeft)),
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

    /**
     * @param window      "14:00–16:00", or "23:30–07.12.2026 02:00" when it ends on a later day
     * @param arrival     {@code null} while nothing is recorded
     * @param cancelledAt when the candidate cancelled, {@code null} unless cancelled
     */
    record AppointmentView(String offerId, String reference, String window, Arrival arrival, String recordedAt,
                           String cancelledAt) {

        static AppointmentView of(Appointment appointment, PageTimes times) {
            WindowText window = times.window(appointment.window().from(), appointment.window().to());
            return new AppointmentView(appointment.offerId(), appointment.reference(),
                    window.fromTime() + "–" + (window.overnight() ? window.toDate() + " " : "") + window.toTime(),
                    appointment.arrival(),
                    appointment.recordedAt() == null ? null : times.shown(appointment.recordedAt()),
                    appointment.cancelledAt() == null ? null : times.shown(appointment.cancelledAt()));
        }

        /** Neither recorded nor cancelled: the operator may still record the arrival. */
        public boolean expected() {
            return arrival == null && cancelledAt == null;
        }
    }
}
