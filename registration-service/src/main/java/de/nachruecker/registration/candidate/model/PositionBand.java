package de.nachruecker.registration.candidate.model;

/**
 * A coarse hint where a candidate stands in the pool: how many candidates of the same centres come before them by
 * priority group and registration time. Coarse on purpose: the allocation service decides by the rules in force, by
 * age limits of vaccines and by travel time, so an exact place would promise what it cannot keep.
 */
public enum PositionBand {
    /** Fewer than 10 ahead. */
    FRONT(10),
    /** Fewer than 50 ahead. */
    NEAR(50),
    /** Fewer than 200 ahead. */
    MIDDLE(200),
    /** 200 or more ahead. */
    BACK(Long.MAX_VALUE);

    private final long fewerThan;

    PositionBand(long fewerThan) {
        this.fewerThan = fewerThan;
    }

    public static PositionBand of(long ahead) {
        if (ahead < 0) {
            throw new IllegalArgumentException("ahead must not be negative: " + ahead);
        }
        for (PositionBand band : values()) {
            if (ahead < band.fewerThan) {
                return band;
            }
        }
        return BACK;
    }
}
