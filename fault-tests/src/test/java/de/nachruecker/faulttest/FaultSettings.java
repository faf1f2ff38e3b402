package de.nachruecker.faulttest;

import java.time.Duration;

/**
 * The size and length of a run, from system properties. CI mode (no {@code faults.soak}): about 2,000 doses, every
 * service instance and broker killed once, one pause, bounded to about ten minutes on two cores. Soak mode
 * ({@code -Dfaults.soak=PT30M}): the load keeps coming and random faults keep happening for that long.
 *
 * @param releases         releases published during the load (10 doses each by default)
 * @param dosesPerRelease  doses per release
 * @param candidates       verified candidates seeded before the load
 * @param acceptance       share of offers a citizen accepts (the others are declined)
 * @param publishOver      how long the releases are spread over; in soak mode the whole soak
 * @param soak             zero in CI mode
 * @param seed             of every random choice (logged, so a failing run can be repeated)
 */
record FaultSettings(int releases, int dosesPerRelease, int candidates, double acceptance, Duration publishOver,
                     Duration soak, long seed) {

    static FaultSettings fromSystemProperties() {
        String soakProperty = System.getProperty("faults.soak", "");
        Duration soak = soakProperty.isBlank() ? Duration.ZERO : Duration.parse(soakProperty);
        return new FaultSettings(
                Integer.getInteger("faults.releases", 200),
                Integer.getInteger("faults.doses-per-release", 10),
                Integer.getInteger("faults.candidates", 2_600),
                Double.parseDouble(System.getProperty("faults.acceptance", "0.85")),
                soak.isZero() ? Duration.parse(System.getProperty("faults.publish-over", "PT150S")) : soak,
                soak,
                Long.getLong("faults.seed", System.nanoTime()));
    }

    boolean soakMode() {
        return !soak.isZero();
    }

    int doses() {
        return releases * dosesPerRelease;
    }
}
