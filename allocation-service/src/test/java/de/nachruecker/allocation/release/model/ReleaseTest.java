package de.nachruecker.allocation.release.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseTest {

    private static final Instant T = Instant.parse("2021-06-10T08:00:00Z");

    private static Release release(int doseCount, int confirmed, ReleaseStatus status) {
        return new Release("r", "korbach", "COMIRNATY", doseCount, T, T.plusSeconds(3600), T.plusSeconds(7200),
                confirmed, status, 0, confirmed, confirmed, 1);
    }

    @Test
    void aMissedAppointmentReopensAFilledRelease() {
        Release after = release(2, 2, ReleaseStatus.FILLED).withDoseReturned();
        assertThat(after.confirmed()).isEqualTo(1);
        assertThat(after.dosesLeft()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(ReleaseStatus.OPEN);
    }

    @Test
    void anOpenReleaseStaysOpenWithOneDoseMore() {
        Release after = release(3, 1, ReleaseStatus.OPEN).withDoseReturned();
        assertThat(after.dosesLeft()).isEqualTo(3);
        assertThat(after.status()).isEqualTo(ReleaseStatus.OPEN);
    }

    @Test
    void endedReleasesOnlyCountTheDoseBack() {
        for (ReleaseStatus ended : new ReleaseStatus[] {ReleaseStatus.EXPIRED, ReleaseStatus.WITHDRAWN}) {
            Release after = release(2, 2, ended).withDoseReturned();
            assertThat(after.status()).isEqualTo(ended);
            assertThat(after.confirmed()).isEqualTo(1);
        }
    }

    @Test
    void aReleaseCorrectedBelowItsConfirmationsStaysFilledUntilBelowTheNewCount() {
        // corrected from 3 to 1 dose after 3 confirmations: one missed appointment still leaves it over-confirmed
        Release after = release(1, 3, ReleaseStatus.FILLED).withDoseReturned();
        assertThat(after.status()).isEqualTo(ReleaseStatus.FILLED);
        assertThat(after.dosesLeft()).isZero();
    }

    @Test
    void noDoseToReturnWithoutAConfirmation() {
        assertThatThrownBy(() -> release(2, 0, ReleaseStatus.OPEN).withDoseReturned())
                .isInstanceOf(IllegalStateException.class);
    }
}
