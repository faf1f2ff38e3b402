package de.nachruecker.load.pool;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/** A reproducible random pool (fixed seed) following a {@link PopulationMix}. */
public final class PoolGenerator {

    private final Random random;
    private final PopulationMix mix;
    private final List<String> centres;
    private final IntUnaryOperator travelAsSeen;

    /** @param travelAsSeen maps real-world travel minutes to what the allocation service is told (time compression) */
    public PoolGenerator(long seed, PopulationMix mix, List<String> centres, IntUnaryOperator travelAsSeen) {
        this.random = new Random(seed);
        this.mix = mix;
        this.centres = List.copyOf(centres);
        this.travelAsSeen = travelAsSeen;
    }

    public List<SeededCandidate> generate(int count, Instant now, LocalDate today) {
        List<SeededCandidate> pool = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            PopulationMix.AgeBand band = pick(mix.bands(), PopulationMix.AgeBand::share);
            int age = band.fromAge() + random.nextInt(band.toAge() - band.fromAge() + 1);
            LocalDate birthDate = today.minusYears(age).minusDays(1 + random.nextInt(364));
            PriorityGroup group = pick(band.groups().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList(),
                    Map.Entry::getValue).getKey();
            int travel = mix.travelMinutes().get(0)
                    + random.nextInt(mix.travelMinutes().get(1) - mix.travelMinutes().get(0) + 1);
            Instant registeredAt = now.minus(Duration.ofSeconds(
                    (long) (random.nextDouble() * mix.waitingDays() * 86_400)));
            pool.add(new SeededCandidate(String.format("load-%06d", i), SeededCandidate.phoneOf(i), birthDate, group,
                    centresOf(), travelAsSeen.applyAsInt(travel), registeredAt));
        }
        return pool;
    }

    private List<String> centresOf() {
        int wanted = 1 + random.nextInt(Math.min(mix.centresPerCandidate(), centres.size()));
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < wanted) {
            chosen.add(centres.get(random.nextInt(centres.size())));
        }
        return List.copyOf(chosen);
    }

    private <T> T pick(List<T> options, java.util.function.ToDoubleFunction<T> share) {
        double total = options.stream().mapToDouble(share).sum();
        double point = random.nextDouble() * total;
        for (T option : options) {
            point -= share.applyAsDouble(option);
            if (point < 0) {
                return option;
            }
        }
        return options.get(options.size() - 1);
    }
}
