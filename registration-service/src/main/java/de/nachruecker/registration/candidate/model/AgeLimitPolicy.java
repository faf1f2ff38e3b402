package de.nachruecker.registration.candidate.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/** Who may register by age: old enough for a vaccine approved in 2021, and a birth date a living person can have. */
public final class AgeLimitPolicy {

    private final int minAge;
    private final int maxAge;

    public AgeLimitPolicy(int minAge, int maxAge) {
        if (minAge < 0 || maxAge < minAge) {
            throw new IllegalArgumentException("age limits out of order: " + minAge + ".." + maxAge);
        }
        this.minAge = minAge;
        this.maxAge = maxAge;
    }

    /** @return why {@code birthDate} is not acceptable on {@code today}, or empty */
    public Optional<String> check(LocalDate birthDate, LocalDate today) {
        if (birthDate.isAfter(today)) {
            return Optional.of("must not be in the future");
        }
        int age = Period.between(birthDate, today).getYears();
        if (age < minAge) {
            return Optional.of("registration is open from the age of " + minAge);
        }
        if (age > maxAge) {
            return Optional.of("is not plausible (older than " + maxAge + " years)");
        }
        return Optional.empty();
    }
}
