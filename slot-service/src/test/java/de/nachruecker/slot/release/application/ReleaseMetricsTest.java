package de.nachruecker.slot.release.application;

import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseMetricsTest {

    @Test
    void everyCounterOfEveryCentreAndProductExistsAtZeroFromTheStart() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new ReleaseMetrics(meters,
                new CentreCatalogue(List.of(new Centre("korbach", "IZ", "Korbach", "x", true),
                        new Centre("kassel", "IZ", "Kassel", "y", true))),
                new VaccineCatalogue(List.of(
                        new Vaccine("COMIRNATY", "Comirnaty", 6, Duration.ofHours(6), 16, null, ""),
                        new Vaccine("JANSSEN", "Janssen", 5, Duration.ofHours(2), 60, null, ""))));

        for (String name : List.of("releases.published", "releases.doses.released", "releases.withdrawn")) {
            assertThat(meters.find(name).counters()).as(name).hasSize(4)
                    .allSatisfy(counter -> assertThat(counter.count()).isZero());
        }
        assertThat(meters.find("releases.arrivals").counters()).hasSize(8);
        assertThat(meters.get("releases.arrivals").tag("centre", "kassel").tag("product", "JANSSEN")
                .tag("outcome", "missed").counter().count()).isZero();
    }
}
