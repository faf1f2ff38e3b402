package de.nachruecker.slot.release.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseStageTest {

    private static final Instant NOW = Instant.parse("2021-05-03T12:00:00Z");
    private static final Instant USABLE_UNTIL = NOW.plus(Duration.ofHours(3));
    private static final TimeWindow WINDOW = new TimeWindow(NOW.plus(Duration.ofHours(1)), USABLE_UNTIL);
    private static final Appointment CONFIRMED = Appointment.confirmed("o-1", "c-1", WINDOW, "7K3M-Q9XA");

    @Test
    void aPublishedReleaseIsPublishedUntilItFillsOrItsTimeRunsOut() {
        assertThat(release(fill(false, 0)).stage(NOW)).isEqualTo(ReleaseStage.PUBLISHED);
        assertThat(release(fill(false, 0)).stage(USABLE_UNTIL.minusSeconds(1))).isEqualTo(ReleaseStage.PUBLISHED);
    }

    @Test
    void aFilledReleaseStaysFilledAfterUsableUntil() {
        assertThat(release(fill(true, 0)).stage(NOW)).isEqualTo(ReleaseStage.FILLED);
        assertThat(release(fill(true, 0)).stage(USABLE_UNTIL.plusSeconds(1))).isEqualTo(ReleaseStage.FILLED);
    }

    @Test
    void anUnfilledReleaseExpiresAtUsableUntilOrWhenDosesAreReportedWasted() {
        assertThat(release(fill(false, 0)).stage(USABLE_UNTIL)).isEqualTo(ReleaseStage.EXPIRED);
        assertThat(release(fill(false, 1)).stage(NOW)).as("the allocation's report, before this clock says so")
                .isEqualTo(ReleaseStage.EXPIRED);
    }

    @Test
    void aWithdrawnReleaseIsWithdrawnWhateverItsFill() {
        assertThat(release(fill(true, 0)).withdraw("vial broke", NOW).stage(NOW)).isEqualTo(ReleaseStage.WITHDRAWN);
        assertThat(release(fill(false, 1)).withdraw("vial broke", NOW).stage(USABLE_UNTIL.plusSeconds(1)))
                .isEqualTo(ReleaseStage.WITHDRAWN);
    }

    private static Fill fill(boolean filled, int dosesExpired) {
        return new Fill(2, 0, 0, 0, filled, 0, dosesExpired, List.of(CONFIRMED));
    }

    private static Release release(Fill fill) {
        return new Release("r-1", "korbach", "COMIRNATY", 1, WINDOW, USABLE_UNTIL, null, ReleaseStatus.PUBLISHED,
                NOW, NOW, null, fill, 0);
    }
}
