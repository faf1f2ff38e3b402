package de.nachruecker.slot.release.application;

import de.nachruecker.slot.release.model.Release;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** How many releases and doses centres publish, per centre and product. */
@Component
public class ReleaseMetrics {

    private final MeterRegistry meters;

    public ReleaseMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void published(Release release) {
        counter("releases.published", "Releases centres published", release).increment();
        counter("releases.doses.released", "Doses centres released", release).increment(release.doseCount());
    }

    void withdrawn(Release release) {
        counter("releases.withdrawn", "Releases operators withdrew", release).increment();
    }

    private Counter counter(String name, String description, Release release) {
        return Counter.builder(name).description(description)
                .tag("centre", release.centreId()).tag("product", release.product())
                .register(meters);
    }
}
