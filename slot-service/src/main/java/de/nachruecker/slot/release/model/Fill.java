package de.nachruecker.slot.release.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a release has filled, as the allocation service's offer events report it: offers made and how they ended,
 * the confirmed appointments, and the release's outcome (filled, doses at risk, doses wasted). The offer events alone
 * change it, except that an operator raising the dose count ends its filled state ({@link #reopened()}).
 *
 * @param offered      offers made
 * @param declined     offers the candidate declined
 * @param expired      offers that ended unanswered or were closed (deadline passed, release filled or withdrawn, ...)
 * @param tooLate      acceptances that came after every dose was taken
 * @param filled       every dose is confirmed
 * @param dosesAtRisk  doses still unconfirmed when usable-until drew near (0 if never at risk)
 * @param dosesExpired doses that were still unconfirmed when usable-until passed: wasted
 * @param appointments one per confirmed offer, in the order they were confirmed
 */
public record Fill(int offered, int declined, int expired, int tooLate, boolean filled, int dosesAtRisk,
                   int dosesExpired, List<Appointment> appointments) {

    public static final Fill NONE = new Fill(0, 0, 0, 0, false, 0, 0, List.of());

    public Fill {
        if (offered < 0 || declined < 0 || expired < 0 || tooLate < 0 || dosesAtRisk < 0 || dosesExpired < 0) {
            throw new IllegalArgumentException("fill counters cannot be negative");
        }
        appointments = List.copyOf(Objects.requireNonNull(appointments, "appointments"));
    }

    /** Offers candidates accepted in time. */
    public int confirmed() {
        return appointments.size();
    }

    /** Offers still waiting for an answer. */
    public int open() {
        return Math.max(0, offered - confirmed() - declined - expired - tooLate);
    }

    /**
     * Doses promised to candidates: confirmed, minus those whose candidate did not come or cancelled (their dose is
     * free again).
     */
    public int dosesTaken() {
        return (int) appointments.stream().filter(Appointment::holdsDose).count();
    }

    /** Confirmed appointments the candidate cancelled. */
    public int cancelled() {
        return (int) appointments.stream().filter(Appointment::cancelled).count();
    }

    public int arrivals(Arrival arrival) {
        return (int) appointments.stream().filter(a -> a.arrival() == arrival).count();
    }

    public Optional<Appointment> appointment(String offerId) {
        return appointments.stream().filter(a -> a.offerId().equals(offerId)).findFirst();
    }

    /** The dose count went up: the allocation service opens the release again for the new doses. */
    Fill reopened() {
        return new Fill(offered, declined, expired, tooLate, false, dosesAtRisk, dosesExpired, appointments);
    }
}
