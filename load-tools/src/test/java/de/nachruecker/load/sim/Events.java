package de.nachruecker.load.sim;

import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.load.pool.SeededCandidate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Compact builders of the events and candidates the report tests need. */
final class Events {

    static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private Events() {
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static SeededCandidate candidate(String id, PriorityGroup group, int waitedDays, int age, int travel,
                                     String... centres) {
        return new SeededCandidate(id, "+49152" + id.hashCode(), DAY.minusYears(age).minusDays(1), group,
                List.of(centres), travel, T0.minusSeconds(86_400L * waitedDays));
    }

    static OfferMade made(String release, String offer, String candidate, int second) {
        return new OfferMade(UUID.randomUUID(), at(second), release, offer, candidate, "c1", "COMIRNATY", 1, 1, 1,
                at(0), at(7200), at(second + 900), "hash-" + offer);
    }

    static OfferConfirmed confirmed(String release, String offer, String candidate, int second) {
        return new OfferConfirmed(UUID.randomUUID(), at(second), release, offer, candidate, "c1", at(0), at(7200), null);
    }

    static OfferDeclined declined(String release, String offer, String candidate, int second) {
        return new OfferDeclined(UUID.randomUUID(), at(second), release, offer, candidate);
    }

    static ReleaseFilled filled(String release, int doses, int second) {
        return new ReleaseFilled(UUID.randomUUID(), at(second), release, "c1", doses, doses);
    }

    static DosesExpired expired(String release, int doses, int second) {
        return new DosesExpired(UUID.randomUUID(), at(second), release, "c1", "COMIRNATY", doses);
    }

    static RunRelease release(String id, String product, int doses) {
        return new RunRelease(id, "c1", product, doses, T0);
    }
}
