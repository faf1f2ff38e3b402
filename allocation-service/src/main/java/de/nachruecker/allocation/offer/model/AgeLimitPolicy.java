package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/** The product's minimum age, at the date of the appointment (Berlin time). */
public final class AgeLimitPolicy implements EligibilityPolicy {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Override
    public boolean admits(PoolCandidate candidate, OfferContext context) {
        LocalDate appointmentDay = context.release().windowFrom().atZone(BERLIN).toLocalDate();
        int age = Period.between(candidate.birthDate(), appointmentDay).getYears();
        return context.rules().minAgeFor(context.release().product()).map(min -> age >= min).orElse(true);
    }
}
