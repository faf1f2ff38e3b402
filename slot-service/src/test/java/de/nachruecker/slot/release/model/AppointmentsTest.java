package de.nachruecker.slot.release.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppointmentsTest {

    static final Instant NOW = Instant.parse("2021-05-03T12:00:00Z");
    static final TimeWindow AFTERNOON = ReleaseRulesTest.AFTERNOON;

    static Release releaseWith(Appointment... appointments) {
        return new Release("r-1", "korbach", "COMIRNATY", 3, AFTERNOON, Instant.parse("2021-05-03T17:00:00Z"), null,
                ReleaseStatus.PUBLISHED, NOW, NOW, null,
                new Fill(5, 1, 0, 0, false, 0, 0, List.of(appointments)), 0);
    }

    @Test
    void anArrivalIsRecordedOnce() {
        Release release = releaseWith(Appointment.confirmed("o-1", "c-1", AFTERNOON, "REF-o-1"));

        Appointment recorded = release.recordArrival("o-1", Arrival.VACCINATED, NOW);
        assertThat(recorded.arrival()).isEqualTo(Arrival.VACCINATED);
        assertThat(recorded.recordedAt()).isEqualTo(NOW);

        Release after = releaseWith(recorded);
        assertThatThrownBy(() -> after.recordArrival("o-1", Arrival.MISSED, NOW))
                .isInstanceOf(ArrivalAlreadyRecordedException.class)
                .hasMessageContaining("already recorded as VACCINATED");
        assertThatThrownBy(() -> after.recordArrival("o-2", Arrival.MISSED, NOW))
                .isInstanceOf(AppointmentNotFoundException.class);
    }

    @Test
    void theFillCountsOpenOffersAndFreesTheDosesOfMissedAppointments() {
        Fill fill = releaseWith(
                new Appointment("o-1", "c-1", AFTERNOON, Arrival.VACCINATED, NOW, "REF-o-1", null),
                new Appointment("o-2", "c-2", AFTERNOON, Arrival.MISSED, NOW, "REF-o-2", null),
                Appointment.confirmed("o-3", "c-3", AFTERNOON, "REF-o-3")).fill();

        assertThat(fill.confirmed()).isEqualTo(3);
        assertThat(fill.open()).isEqualTo(1); // 5 offered - 3 confirmed - 1 declined
        assertThat(fill.dosesTaken()).isEqualTo(2);
        assertThat(fill.arrivals(Arrival.MISSED)).isEqualTo(1);
    }

    @Test
    void aCorrectionMayGoDownToTheDosesStillTaken() {
        ReleaseRules rules = new ReleaseRules(ReleaseRulesTest.VACCINES_2021, Set.of("korbach")::contains, 1000);
        Release release = releaseWith(
                new Appointment("o-1", "c-1", AFTERNOON, Arrival.MISSED, NOW, "REF-o-1", null),
                Appointment.confirmed("o-2", "c-2", AFTERNOON, "REF-o-2"));
        Instant usableUntil = Instant.parse("2021-05-03T17:00:00Z");

        assertThat(rules.correct(release, new ReleaseCorrection(1, AFTERNOON, usableUntil), NOW).doseCount())
                .isEqualTo(1);
        Release twoTaken = releaseWith(Appointment.confirmed("o-1", "c-1", AFTERNOON, "REF-o-1"),
                Appointment.confirmed("o-2", "c-2", AFTERNOON, "REF-o-2"));
        assertThatThrownBy(() -> rules.correct(twoTaken, new ReleaseCorrection(1, AFTERNOON, usableUntil), NOW))
                .isInstanceOfSatisfying(InvalidReleaseException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("doseCount"));
    }

    @Test
    void aCancelledAppointmentFreesItsDoseAndGetsNoArrival() {
        Appointment cancelled = new Appointment("o-1", "c-1", AFTERNOON, null, null, "REF-o-1", NOW);
        Release release = releaseWith(cancelled, Appointment.confirmed("o-2", "c-2", AFTERNOON, "REF-o-2"));

        assertThat(release.fill().dosesTaken()).isEqualTo(1);
        assertThat(release.fill().cancelled()).isEqualTo(1);
        assertThat(release.fill().confirmed()).isEqualTo(2);
        assertThatThrownBy(() -> release.recordArrival("o-1", Arrival.MISSED, NOW))
                .isInstanceOf(AppointmentCancelledException.class).hasMessageContaining("REF-o-1");
    }
}
