package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * How many releases and doses centres publish, and what became of confirmed appointments, per centre and product.
 * Every counter of every catalogue centre and product exists from start-up at zero, so that Prometheus'
 * {@code increase()} also counts the first release of a centre.
 */
@Component
public class ReleaseMetrics {

    private static final String ARRIVALS = "releases.arrivals";

    /** The per-release counters, with their descriptions. */
    private enum Meter {
        PUBLISHED("releases.published", "Releases centres published"),
        DOSES_RELEASED("releases.doses.released", "Doses centres released"),
        WITHDRAWN("releases.withdrawn", "Releases operators withdrew");

        final String metricName;
        final String description;

        Meter(String metricName, String description) {
            this.metricName = metricName;
            this.description = description;
        }
    }

    private final MeterRegistry meters;

    public ReleaseMetrics(MeterRegistry meters, CentreCatalogue centres, VaccineCatalogue vaccines) {
        this.meters = meters;
        for (Centre centre : centres.all()) {
            for (String product : vaccines.products()) {
                for (Meter meter : Meter.values()) {
                    counter(meter, centre.id(), product);
                }
                for (Arrival outcome : Arrival.values()) {
                    arrivals(centre.id(), product, outcome);
                }
            }
        }
    }

    void published(Release release) {
        counter(Meter.PUBLISHED, release.centreId(), release.product()).increment();
        counter(Meter.DOSES_RELEASED, release.centreId(), release.product()).increment(release.doseCount());
    }

    void withdrawn(Release release) {
        counter(Meter.WITHDRAWN, release.centreId(), release.product()).increment();
    }

    void arrival(Release release, Arrival outcome) {
        arrivals(release.centreId(), release.product(), outcome).increment();
    }

    private Counter counter(Meter meter, String centre, String product) {
        return Counter.builder(meter.metricName).description(meter.description)
                .tag("centre", centre).tag("product", product)
                .register(meters);
    }

    private Counter arrivals(String centre, String product, Arrival outcome) {
        return Counter.builder(ARRIVALS).description("Confirmed appointments operators recorded, by outcome")
                .tag("centre", centre).tag("product", product).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }
}
