package de.nachruecker.support.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class WindowTextTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, d. MMMM yyyy", Locale.GERMAN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Test
    void aWindowWithinOneDayHasOneDate() {
        WindowText text = WindowText.of(Instant.parse("2026-12-06T13:00:00Z"), Instant.parse("2026-12-06T15:30:00Z"),
                BERLIN, DATE, TIME);

        assertThat(text).isEqualTo(new WindowText("Sonntag, 6. Dezember 2026", "14:00", "Sonntag, 6. Dezember 2026",
                "16:30", false));
    }

    @Test
    void aWindowAcrossMidnightInTheCentresZoneShowsTheEndsDate() {
        // 23:32 to 02:02 Berlin time: the end is on Monday
        WindowText text = WindowText.of(Instant.parse("2026-12-06T22:32:00Z"), Instant.parse("2026-12-07T01:02:00Z"),
                BERLIN, DATE, TIME);

        assertThat(text.overnight()).isTrue();
        assertThat(text.fromDate()).isEqualTo("Sonntag, 6. Dezember 2026");
        assertThat(text.toDate()).isEqualTo("Montag, 7. Dezember 2026");
        assertThat(text.toTime()).isEqualTo("02:02");
    }

    @Test
    void midnightIsJudgedInTheCentresZoneNotInUtc() {
        // 22:30 to 23:30 UTC is 23:30 to 00:30 in Berlin (overnight), although it is one day in UTC
        WindowText text = WindowText.of(Instant.parse("2026-12-06T22:30:00Z"), Instant.parse("2026-12-06T23:30:00Z"),
                BERLIN, DATE, TIME);
        assertThat(text.overnight()).isTrue();
        // 23:30 to 00:30 UTC is 00:30 to 01:30 in Berlin (one day), although it crosses midnight in UTC
        assertThat(WindowText.of(Instant.parse("2026-12-06T23:30:00Z"), Instant.parse("2026-12-07T00:30:00Z"),
                BERLIN, DATE, TIME).overnight()).isFalse();
    }
}
