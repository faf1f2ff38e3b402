package de.nachruecker.registration.registration.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters of what happens to registrations. */
@Component
public class RegistrationMetrics {

    private final MeterRegistry meters;
    private final Counter created;
    private final Counter withdrawn;
    private final Counter verified;

    public RegistrationMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.created = Counter.builder("registrations.created")
                .description("Registrations accepted and stored").register(meters);
        this.withdrawn = Counter.builder("registrations.withdrawn")
                .description("Registrations withdrawn by the citizen").register(meters);
        this.verified = Counter.builder("registrations.verified")
                .description("Phone numbers verified: candidates entering the pool").register(meters);
    }

    public void created() {
        created.increment();
    }

    public void verified() {
        verified.increment();
    }

    public void withdrawn() {
        withdrawn.increment();
    }

    /** @param reason {@code invalid}, {@code duplicate_phone} or {@code duplicate_person} */
    public void rejected(String reason) {
        Counter.builder("registrations.rejected").description("Registrations refused, by reason")
                .tag("reason", reason).register(meters).increment();
    }
}
