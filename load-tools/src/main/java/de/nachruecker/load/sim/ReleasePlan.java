package de.nachruecker.load.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The day's releases, drawn reproducibly from the scenario: when, where, what, how many, how old the vial. */
public final class ReleasePlan {

    /** @param at from the start of the day; @param timeLeft vial time left when released (real world) */
    public record PlannedRelease(Duration at, String centreId, String product, int doses, Duration timeLeft) {
    }

    private ReleasePlan() {
    }

    public static List<PlannedRelease> of(Scenario scenario, List<String> centres) {
        Random random = new Random(scenario.seed() + 1);
        Scenario.Releases spec = scenario.releases();
        List<Map.Entry<String, Double>> products = spec.products().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        List<PlannedRelease> plan = new ArrayList<>();
        int left = spec.doses();
        while (left > 0) {
            int doses = Math.min(left, between(random, spec.dosesPerRelease()));
            String product = pick(random, products);
            int vialAge = between(random, spec.vialAgeMinutes());
            Duration timeLeft = Duration.ofMinutes(spec.inUseMinutes().get(product) - vialAge);
            Duration at = Duration.ofSeconds((long) (random.nextDouble() * scenario.hours() * 3600));
            plan.add(new PlannedRelease(at, centres.get(random.nextInt(centres.size())), product, doses, timeLeft));
            left -= doses;
        }
        plan.sort(Comparator.comparing(PlannedRelease::at));
        return plan;
    }

    private static int between(Random random, List<Integer> range) {
        return range.get(0) + random.nextInt(range.get(1) - range.get(0) + 1);
    }

    private static String pick(Random random, List<Map.Entry<String, Double>> shares) {
        double point = random.nextDouble() * shares.stream().mapToDouble(Map.Entry::getValue).sum();
        for (Map.Entry<String, Double> share : shares) {
            point -= share.getValue();
            if (point < 0) {
                return share.getKey();
            }
        }
        return shares.get(shares.size() - 1).getKey();
    }
}
