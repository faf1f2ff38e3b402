package de.nachruecker.registration.candidate.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionBandTest {

    @Test
    void bandsAreCoarseAndTheirEdgesBelongToTheNextOne() {
        assertThat(PositionBand.of(0)).isEqualTo(PositionBand.FRONT);
        assertThat(PositionBand.of(9)).isEqualTo(PositionBand.FRONT);
        assertThat(PositionBand.of(10)).isEqualTo(PositionBand.NEAR);
        assertThat(PositionBand.of(49)).isEqualTo(PositionBand.NEAR);
        assertThat(PositionBand.of(50)).isEqualTo(PositionBand.MIDDLE);
        assertThat(PositionBand.of(199)).isEqualTo(PositionBand.MIDDLE);
        assertThat(PositionBand.of(200)).isEqualTo(PositionBand.BACK);
        assertThat(PositionBand.of(1_000_000)).isEqualTo(PositionBand.BACK);
    }

    @Test
    void aNegativeCountIsABug() {
        assertThatThrownBy(() -> PositionBand.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
