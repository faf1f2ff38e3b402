package de.nachruecker.registration.candidate.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Counters of what happens to registrations. Every counter whose tags are known is registered at zero at start-up, so
 * that {@code increase()} over a window also sees the first event. ({@code registrations.accepted}, not
 * {@code .created}: Prometheus reserves the {@code _created} suffix.)
 */
@Component
public class RegistrationMetrics {

    /** The reasons of {@link #rejected(String)}. */
    static final List<String> REJECTION_REASONS = List.of("invalid", "household_full", "duplicate_person");

    private final MeterRegistry meters;
    private final Counter accepted;
    private final Counter withdrawn;
    private final Counter expired;
    private final Counter expiredUnverified;
    private final Counter verified;
    private final Counter vaccinated;
    private final Counter missedAppointments;

    public RegistrationMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.accepted = Counter.builder("registrations.accepted")
                .description("Registrations accepted and stored").register(meters);
        this.withdrawn = Counter.builder("registrations.withdrawn")
                .description("Registrations withdrawn by the citizen").register(meters);
        this.expired = Counter.builder("registrations.expired")
                .description("Registrations erased at the end of the retention period").register(meters);
        this.expiredUnverified = Counter.builder("registrations.unverified.expired")
                .description("Registrations erased because their phone was not verified in time").register(meters);
        this.verified = Counter.builder("registrations.verified")
                .description("Phone numbers verified: candidates entering the pool").register(meters);
        this.vaccinated = Counter.builder("registrations.vaccinated")
                .description("Candidates vaccinated at a centre: they leave the pool").register(meters);
        this.missedAppointments = Counter.builder("registrations.appointments.missed")
                .description("Confirmed appointments the candidate did not come to").register(meters);
        REJECTION_REASONS.forEach(this::rejectedCounter);
    }

    public void accepted() {
        accepted.increment();
    }

    public void verified() {
        verified.increment();
    }

    public void withdrawn() {
        withdrawn.increment();
    }

    public void expired(int count) {
        expired.increment(count);
    }

    public void expiredUnverified(int count) {
        expiredUnverified.increment(count);
    }

    public void vaccinated() {
        vaccinated.increment();
    }

    public void missedAppointment() {
        missedAppointments.increment();
    }

    /** @param reason {@code invalid}, {@code household_full} or {@code duplicate_person} */
    public void rejected(String reason) {
        rejectedCounter(reason).increment();
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("registrations.rejected").description("Registrations refused, by reason")
                .tag("reason", reason).register(meters);
    }
}
