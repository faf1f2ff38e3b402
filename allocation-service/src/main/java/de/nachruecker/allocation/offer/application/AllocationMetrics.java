package de.nachruecker.allocation.offer.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The allocation meters: offers by outcome per centre and product, first-offer latency, doses at risk and wasted. */
@Component
public class AllocationMetrics {

    private final MeterRegistry registry;
    private final Timer firstOfferLatency;
    private final AtomicInteger dosesAtRisk = new AtomicInteger();

    public AllocationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.firstOfferLatency = Timer.builder("allocation.release.first-offer.latency")
                .description("From receiving DosesReleased to the first offer written")
                .publishPercentiles(0.5, 0.99).register(registry);
        registry.gauge("allocation.doses.at-risk", dosesAtRisk);
    }

    /** @param outcome made, confirmed, declined, expired, too-late or void */
    public void offer(String outcome, String centreId, String product) {
        Counter.builder("allocation.offers." + outcome).tag("centre", centreId).tag("product", product)
                .register(registry).increment();
    }

    public void firstOffer(Duration latency) {
        firstOfferLatency.record(latency);
    }

    /** Doses wasted: usable-until passed before they were confirmed. Counted by the instance that expired them. */
    public void dosesExpired(int doses, String centreId, String product) {
        Counter.builder("allocation.doses.expired").description("Doses left unused when usable-until passed")
                .tag("centre", centreId).tag("product", product).register(registry).increment(doses);
    }

    public void dosesAtRisk(int doses) {
        dosesAtRisk.set(doses);
    }
}
