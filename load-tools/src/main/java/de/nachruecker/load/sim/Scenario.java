package de.nachruecker.load.sim;

import de.nachruecker.load.pool.PopulationMix;
import de.nachruecker.load.platform.Platform;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A day to replay, as ops describe it (JSON, see {@code load-tools/scenarios/reference-day.json}). All durations are
 * the real world's; {@code compression} runs the day that many times faster against the real services.
 *
 * @param centres     number of vaccination centres (a catalogue {@code sim-01}… is generated for a started
 *                    {@link Platform})
 * @param candidates  pool size, verified, drawn from {@code population}
 * @param hours       length of the day over which releases arrive
 * @param compression e.g. 40: an hour of the day takes 90 s
 */
public record Scenario(String name, long seed, int centres, int candidates, PopulationMix population, int hours,
                       Releases releases, Answers answers, Rules rules, int compression) {

    /**
     * @param doses           total freed doses over the day
     * @param dosesPerRelease [min, max] doses of one release
     * @param products        share of releases per product
     * @param inUseMinutes    vial in-use time per product (usable-until = vial opened + this)
     * @param vialAgeMinutes  [min, max] minutes a vial has been open when its doses are released
     */
    public record Releases(int doses, List<Integer> dosesPerRelease, Map<String, Double> products,
                           Map<String, Integer> inUseMinutes, List<Integer> vialAgeMinutes) {
    }

    /**
     * What candidates do with an offer: accept, decline or ignore it (shares add up to 1), after a delay drawn
     * uniformly from {@code delayMinutes} [min, max].
     */
    public record Answers(double accept, double decline, double ignore, List<Integer> delayMinutes) {

        public Answers {
            if (Math.abs(accept + decline + ignore - 1.0) > 1e-6) {
                throw new IllegalArgumentException("accept + decline + ignore must be 1");
            }
        }
    }

    /** The rule set the day runs under (prioritised, all groups open), in the real world's minutes. */
    public record Rules(int responseWindowMinutes, int minResponseWindowMinutes, Map<String, Integer> minAgeByProduct) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public static Scenario read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readValue(in, Scenario.class);
        }
    }

    public Scenario withCandidates(int count) {
        return new Scenario(name, seed, centres, count, population, hours, releases, answers, rules, compression);
    }

    /** Minutes of the day as the platform sees them (at least 1: the services count whole minutes). */
    public int compressedMinutes(int minutes) {
        return Math.max(1, Math.round((float) minutes / compression));
    }
}
