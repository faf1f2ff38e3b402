package de.nachruecker.registration.ratelimit.model;

import java.time.Duration;

/**
 * How often one client address, and one phone number, may do a {@link LimitedAction}: {@code perAddress} (and
 * {@code perPhone}) times per {@code period}, refilled evenly over the period, so a burst up to the allowance is
 * fine and a steady trickle above it is not.
 *
 * @param perPhone 0 where the action names no phone number
 */
public record Allowance(int perAddress, int perPhone, Duration period) {

    public Allowance {
        if (perAddress < 1 || perPhone < 0 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("an allowance needs perAddress >= 1, perPhone >= 0 and a period > 0");
        }
    }

    public boolean limitsPhones() {
        return perPhone > 0;
    }
}
