package de.nachruecker.slot.vaccine.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A vaccine product as centres handle it in 2021.
 *
 * @param product      the code operators and events use, e.g. {@code COMIRNATY}
 * @param name         the product's name for people
 * @param dosesPerVial how many doses one vial yields
 * @param inUseTime    how long an opened (diluted, punctured) vial stays usable: the conservative value of the product
 *                     information, since a dose given late is a dose wasted
 * @param minimumAge   youngest age the product is authorised for (inclusive); the allocation service enforces it, and
 *                     its dated rules may raise it (never lower it)
 * @param maximumAge   oldest age the product is given to (inclusive), {@code null} for no upper limit
 * @param ageLimitNote where the age limit comes from and since when it applies
 */
public record Vaccine(String product, String name, int dosesPerVial, Duration inUseTime, int minimumAge,
                      Integer maximumAge, String ageLimitNote) {

    public Vaccine {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(inUseTime, "inUseTime");
        if (product.isBlank()) {
            throw new IllegalArgumentException("a vaccine needs a product code");
        }
        if (dosesPerVial < 1) {
            throw new IllegalArgumentException(product + ": doses per vial must be at least 1");
        }
        if (inUseTime.isNegative() || inUseTime.isZero()) {
            throw new IllegalArgumentException(product + ": the in-use time must be positive");
        }
        if (minimumAge < 0 || (maximumAge != null && maximumAge < minimumAge)) {
            throw new IllegalArgumentException(product + ": the age limits must satisfy 0 <= minimum <= maximum");
        }
    }

    /** The last moment a dose from a vial opened at {@code vialOpenedAt} may be given. */
    public Instant usableUntilAfterOpening(Instant vialOpenedAt) {
        return vialOpenedAt.plus(inUseTime);
    }
}
