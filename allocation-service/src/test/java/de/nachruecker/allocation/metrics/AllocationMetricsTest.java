package de.nachruecker.allocation.metrics;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AllocationMetrics metrics = new AllocationMetrics(registry,
            new CentreCatalogue(List.of(new Centre("korbach", "Impfzentrum", "Korbach", "Demo-Straße 1", true),
                    new Centre("kassel", "Impfzentrum", "Kassel", "Demo-Straße 2", true))),
            new AllocationProperties(0.5, 4, 50, Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(30),
                    Duration.ofSeconds(30), Duration.ofSeconds(10), List.of("COMIRNATY", "JANSSEN")));

    @Test
    void everyCounterAndGaugeStartsAtZeroForEachCentreAndProduct() {
        for (String centre : List.of("korbach", "kassel")) {
            for (String product : List.of("COMIRNATY", "JANSSEN")) {
                assertThat(count("allocation.doses.released", centre, product)).isZero();
                assertThat(count("allocation.doses.expired", centre, product)).isZero();
                for (String outcome : AllocationMetrics.OUTCOMES) {
                    assertThat(count("allocation.offers." + outcome, centre, product)).isZero();
                }
                assertThat(registry.get("allocation.doses.at-risk").tag("centre", centre).tag("product", product)
                        .gauge().value()).isZero();
            }
        }
        assertThat(registry.find("allocation.doses.released").counters()).hasSize(4);
    }

    @Test
    void countsAddUpPerCentreAndProduct() {
        metrics.dosesReleased(6, "korbach", "COMIRNATY");
        metrics.offer("made", "korbach", "COMIRNATY");
        metrics.offer("made", "korbach", "COMIRNATY");
        metrics.offer("confirmed", "kassel", "JANSSEN");
        metrics.dosesReleased(2, "not-in-catalogue", "SPIKEVAX");

        assertThat(count("allocation.doses.released", "korbach", "COMIRNATY")).isEqualTo(6);
        assertThat(count("allocation.offers.made", "korbach", "COMIRNATY")).isEqualTo(2);
        assertThat(count("allocation.offers.confirmed", "kassel", "JANSSEN")).isEqualTo(1);
        assertThat(count("allocation.doses.released", "not-in-catalogue", "SPIKEVAX")).isEqualTo(2);
    }

    @Test
    void dosesAtRiskFollowTheLatestSweepAndFallBackToZero() {
        metrics.dosesAtRisk(Map.of(AllocationMetrics.tags("korbach", "COMIRNATY"), 3,
                AllocationMetrics.tags("elsewhere", "SPIKEVAX"), 1));
        assertThat(atRisk("korbach", "COMIRNATY")).isEqualTo(3);
        assertThat(atRisk("elsewhere", "SPIKEVAX")).isEqualTo(1);

        metrics.dosesAtRisk(Map.of(AllocationMetrics.tags("kassel", "JANSSEN"), 2));
        assertThat(atRisk("korbach", "COMIRNATY")).isZero();
        assertThat(atRisk("elsewhere", "SPIKEVAX")).isZero();
        assertThat(atRisk("kassel", "JANSSEN")).isEqualTo(2);
    }

    @Test
    void releaseTimersPublishHistogramBucketsSoThatPercentilesAggregateAcrossInstances() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AllocationMetrics scraped = new AllocationMetrics(prometheus, new CentreCatalogue(List.of()),
                new AllocationProperties(0.5, 4, 50, Duration.ofMinutes(30), Duration.ofMinutes(2),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10), List.of()));
        scraped.firstOffer(Duration.ofMillis(40));
        scraped.filled(Duration.ofMinutes(25));
        String scrape = prometheus.scrape();
        assertThat(scrape).contains("allocation_release_first_offer_latency_seconds_bucket{")
                .contains("allocation_release_fill_duration_seconds_bucket{")
                .contains("allocation_release_fill_duration_seconds_count 1");
    }

    private double count(String name, String centre, String product) {
        return registry.get(name).tag("centre", centre).tag("product", product).counter().count();
    }

    private double atRisk(String centre, String product) {
        return registry.get("allocation.doses.at-risk").tag("centre", centre).tag("product", product).gauge()
                .value();
    }
}
