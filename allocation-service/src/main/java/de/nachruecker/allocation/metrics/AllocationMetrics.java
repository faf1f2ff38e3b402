package de.nachruecker.allocation.metrics;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The allocation meters, all tagged {@code centre} and {@code product}: doses released, offers by outcome (made is
 * "offered", confirmed is "dose given"), doses wasted and at risk; and how long releases wait for their first offer and
 * until they are filled. Every counter and gauge exists at zero from start-up for each catalogue centre and configured
 * product, so that Prometheus' {@code increase()} sees the very first event (a series that appears at 1 shows none).
 */
@Component
public class AllocationMetrics {

    /** Offers whose message was delivered (handed to the SMS gateway or mail server) while they were open. */
    public static final String DELIVERED = "delivered";
    /** Expired offers whose message had not been delivered: a subset of {@code expired}, not an answer. */
    public static final String EXPIRED_UNDELIVERED = "expired-undelivered";

    /**
     * Offers that ended before their message was requested (the release ended while the wave wrote them, or a crash
     * in between): never sent, so neither counted as {@code made} nor by outcome.
     */
    public static final String UNSENT = "unsent";

    /**
     * Offer outcomes and delivery facts counted as {@code allocation.offers.<outcome>}. Every offer counted as
     * {@code made} (its message requested) ends counted once as confirmed, declined, expired, rejected-too-late, void
     * or undeliverable.
     */
    static final List<String> OUTCOMES = List.of("made", "confirmed", "declined", "expired", "rejected-too-late", "void",
            "vaccinated", "missed", "cancelled", "undeliverable", DELIVERED, EXPIRED_UNDELIVERED, UNSENT);

    private final MeterRegistry registry;
    private final Timer firstOfferLatency;
    private final Timer fillDuration;
    private final Map<Tags, AtomicInteger> dosesAtRisk = new ConcurrentHashMap<>();

    public AllocationMetrics(MeterRegistry registry, CentreCatalogue centres, AllocationProperties properties) {
        this.registry = registry;
        // histograms (not client-side quantiles), so that percentiles aggregate across instances in PromQL
        this.firstOfferLatency = Timer.builder("allocation.release.first-offer.latency")
                .description("From receiving a release to its first offer written")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1)).register(registry);
        this.fillDuration = Timer.builder("allocation.release.fill.duration")
                .description("From receiving a release to its last dose confirmed")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(12)).register(registry);
        for (Centre centre : centres.all()) {
            for (String product : properties.products()) {
                dosesReleased(0, centre.id(), product);
                OUTCOMES.forEach(outcome -> offer(outcome, centre.id(), product, 0));
                dosesExpired(0, centre.id(), product);
                atRiskGauge(tags(centre.id(), product));
            }
        }
    }

    /** Doses the operators released (counted once per release, by the instance that created it). */
    public void dosesReleased(int doses, String centreId, String product) {
        Counter.builder("allocation.doses.released").description("Doses released by centre operators")
                .tags(tags(centreId, product)).register(registry).increment(doses);
    }

    /** @param outcome one of {@link #OUTCOMES} */
    public void offer(String outcome, String centreId, String product) {
        offer(outcome, centreId, product, 1);
    }

    /** @param latency from receiving the release to its first offer */
    public void firstOffer(Duration latency) {
        firstOfferLatency.record(latency);
    }

    /** @param duration from receiving the release to its last dose confirmed */
    public void filled(Duration duration) {
        fillDuration.record(duration);
    }

    /** Doses wasted: usable-until passed before they were confirmed. Counted by the instance that expired them. */
    public void dosesExpired(int doses, String centreId, String product) {
        Counter.builder("allocation.doses.expired").description("Doses left unused when usable-until passed")
                .tags(tags(centreId, product)).register(registry).increment(doses);
    }

    /**
     * Doses left on open releases within {@code at-risk-before} of usable-until, as of this sweep; every other
     * centre and product is set to zero. Each instance sweeps all releases, so each reports the same values.
     */
    public void dosesAtRisk(Map<Tags, Integer> dosesByCentreAndProduct) {
        dosesAtRisk.forEach((tags, value) -> value.set(dosesByCentreAndProduct.getOrDefault(tags, 0)));
        dosesByCentreAndProduct.forEach((tags, doses) -> atRiskGauge(tags).set(doses));
    }

    public static Tags tags(String centreId, String product) {
        return Tags.of("centre", centreId, "product", product);
    }

    private void offer(String outcome, String centreId, String product, int count) {
        Counter.builder("allocation.offers." + outcome).description("Offers by outcome")
                .tags(tags(centreId, product)).register(registry).increment(count);
    }

    private AtomicInteger atRiskGauge(Tags tags) {
        return dosesAtRisk.computeIfAbsent(tags, key -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("allocation.doses.at-risk", value, AtomicInteger::get)
                    .description("Doses left on open releases close to usable-until").tags(key).register(registry);
            return value;
        });
    }
}
