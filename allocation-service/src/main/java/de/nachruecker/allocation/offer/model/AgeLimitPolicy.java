package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.OptionalInt;

/**
 * The product's minimum age at the date of the appointment (Berlin time): the product's own (event-contracts'
 * VaccineProduct, the one source slot-service shows too), raised by the rules in force where they set a higher one.
 * A product code no product has is offered to no one.
 */
public final class AgeLimitPolicy implements EligibilityPolicy {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Override
    public boolean admits(PoolCandidate candidate, OfferContext context) {
        LocalDate appointmentDay = context.release().windowFrom().atZone(BERLIN).toLocalDate();
        int age = Period.between(candidate.birthDate(), appointmentDay).getYears();
        OptionalInt minimum = context.rules().minimumAgeFor(context.release().product());
        return minimum.isPresent() && age >= minimum.getAsInt();
    }
}
