package de.nachruecker.slot.release.web;

import de.nachruecker.slot.config.SlotProperties;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Fill;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseViewTest {

    private static final Instant NOW = Instant.parse("2026-12-06T21:00:00Z");
    private final PageTimes times = new PageTimes(new SlotProperties(1000, ZoneId.of("Europe/Berlin"),
            Duration.ofSeconds(3), new SlotProperties.Publishing(1, 64)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aWindowAcrossMidnightShowsTheEndsDateOnTheReleaseAndItsAppointments() {
        // 23:37 to 01:37 Berlin time
        TimeWindow overnight = new TimeWindow(Instant.parse("2026-12-06T22:37:00Z"),
                Instant.parse("2026-12-07T00:37:00Z"));
        ReleaseView view = view(overnight, Appointment.confirmed("o-1", "c-1", overnight, "7K3M-Q9XA"));

        assertThat(view.date()).isEqualTo("06.12.2026");
        assertThat(view.windowFrom()).isEqualTo("23:37");
        assertThat(view.windowTo()).isEqualTo("01:37");
        assertThat(view.windowToDate()).isEqualTo("07.12.2026");
        assertThat(view.appointments().get(0).window()).isEqualTo("23:37–07.12.2026 01:37");
        assertThat(view.appointments().get(0).reference()).isEqualTo("7K3M-Q9XA");
    }

    @Test
    void aWindowWithinOneDayShowsOneDate() {
        TimeWindow afternoon = new TimeWindow(Instant.parse("2026-12-07T13:00:00Z"),
                Instant.parse("2026-12-07T15:00:00Z"));
        ReleaseView view = view(afternoon, Appointment.confirmed("o-1", "c-1", afternoon, "7K3M-Q9XA"));

        assertThat(view.windowToDate()).isNull();
        assertThat(view.appointments().get(0).window()).isEqualTo("14:00–16:00");
    }

    @Test
    void aCancelledAppointmentIsNoLongerExpected() {
        TimeWindow afternoon = new TimeWindow(Instant.parse("2026-12-07T13:00:00Z"),
                Instant.parse("2026-12-07T15:00:00Z"));
        ReleaseView view = view(afternoon,
                new Appointment("o-1", "c-1", afternoon, null, null, "7K3M-Q9XA", NOW));

        assertThat(view.appointments().get(0).expected()).isFalse();
        assertThat(view.appointments().get(0).cancelledAt()).isEqualTo("06.12.2026 22:00");
        assertThat(view.fill().cancelled()).isEqualTo(1);
    }

    private ReleaseView view(TimeWindow window, Appointment appointment) {
        Release release = new Release("r-1", "korbach", "COMIRNATY", 2, window, window.to(), null,
                ReleaseStatus.PUBLISHED, NOW, NOW, null,
                new Fill(2, 0, 0, 0, false, 0, 0, List.of(appointment)), 0);
        return ReleaseView.of(release, "Impfzentrum", "Comirnaty", true, times);
    }
}
