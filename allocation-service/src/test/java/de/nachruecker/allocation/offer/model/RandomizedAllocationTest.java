package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.rules.model.GermanyRules2021;
import de.nachruecker.allocation.rules.model.RuleBook;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random pools and releases against the allocation rules, with invariants checked by an independent oracle. The seed
 * is fixed and logged: a failure names the run that reproduces it.
 */
class RandomizedAllocationTest {

    private static final Logger log = LoggerFactory.getLogger(RandomizedAllocationTest.class);
    private static final long SEED = 20210607L;
    private static final List<String> CENTRES = List.of("korbach", "kassel", "marburg");
    private static final List<String> PRODUCTS =
            List.of("COMIRNATY", "SPIKEVAX", GermanyRules2021.VAXZEVRIA, GermanyRules2021.JANSSEN);

    private final RuleBook book = GermanyRules2021.ruleBook();
    private final OfferPlanner planner = new OfferPlanner(Eligibility.standard());
    private final WaveSizingPolicy sizing = new WaveSizingPolicy(0.5, 4, 30);

    @Test
    void invariantsHoldOverRandomPoolsAndReleases() {
        log.info("randomized allocation runs with seed {}", SEED);
        Random random = new Random(SEED);
        int confirmations = 0;
        for (int run = 0; run < 200; run++) {
            confirmations += simulate(random, run);
        }
        assertThat(confirmations).as("the runs must actually allocate doses").isGreaterThan(200);
    }

    private int simulate(Random random, int run) {
        Instant start = Instant.parse("2021-01-10T07:00:00Z").plusSeconds(86_400L * random.nextInt(200));
        RuleSet rules = book.inForceAt(start);
        CandidateIndex index = new CandidateIndex();
        List<PoolCandidate> pool = new ArrayList<>();
        for (int i = 0, size = 20 + random.nextInt(200); i < size; i++) {
            PoolCandidate candidate = randomCandidate(random, "c" + i, start);
            pool.add(candidate);
            index.put(candidate);
        }
        List<Sim> releases = new ArrayList<>();
        for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
            releases.add(new Sim("r" + i, CENTRES.get(random.nextInt(CENTRES.size())),
                    PRODUCTS.get(random.nextInt(PRODUCTS.size())), 1 + random.nextInt(10), start,
                    30 + random.nextInt(300), 20 + random.nextInt(400)));
        }
        Set<String> busy = new HashSet<>();
        Map<String, String> confirmedAt = new HashMap<>();
        Instant now = start;
        for (int round = 0; round < 40; round++) {
            List<String[]> offers = new ArrayList<>();
            for (Sim sim : releases) {
                Release release = sim.release();
                OfferContext context = new OfferContext(release, rules, now, busy::contains, sim.offered::contains);
                List<PoolCandidate> expectedOrder = oracle(pool, release, rules, now, busy, sim.offered);
                int waveSize = sizing.offersToMake(release, release.timeLeft(now), context.responseWindow());
                List<PoolCandidate> wave = new ArrayList<>();
                Iterator<PoolCandidate> eligible = planner.eligibleInOrder(index.ranked(sim.centre, rules), context);
                while (wave.size() < waveSize && eligible.hasNext()) {
                    wave.add(eligible.next());
                }
                String reason = "seed " + SEED + " run " + run + " round " + round + " release " + sim.id;
                assertThat(wave).as(reason).containsExactlyElementsOf(
                        expectedOrder.subList(0, Math.min(waveSize, expectedOrder.size())));
                for (PoolCandidate offered : wave) {
                    assertThat(busy.add(offered.id())).as("two open offers: " + reason).isTrue();
                    sim.offered.add(offered.id());
                    sim.open++;
                    offers.add(new String[] {sim.id, offered.id()});
                }
            }
            Collections.shuffle(offers, random);
            for (String[] offer : offers) {
                Sim sim = releases.stream().filter(s -> s.id.equals(offer[0])).findFirst().orElseThrow();
                sim.open--;
                sim.answered++;
                double roll = random.nextDouble();
                if (roll < 0.5) {
                    sim.accepted++;
                    if (sim.confirmed < sim.doses) {
                        sim.confirmed++;
                        assertThat(confirmedAt.put(offer[1], sim.id)).as("confirmed twice, run " + run).isNull();
                        continue; // stays busy: a confirmed appointment
                    }
                }
                busy.remove(offer[1]);
            }
            for (Sim sim : releases) {
                assertThat(sim.confirmed).isLessThanOrEqualTo(sim.doses);
            }
            now = now.plus(rules.responseWindow());
        }
        return confirmedAt.size();
    }

    /** Eligibility and order re-derived by brute force over the whole pool, without the index or the policies. */
    private static List<PoolCandidate> oracle(List<PoolCandidate> pool, Release release, RuleSet rules, Instant now,
                                              Set<String> busy, Set<String> offered) {
        OfferContext context = new OfferContext(release, rules, now, busy::contains, offered::contains);
        Instant arrivalLimit = release.windowTo().isBefore(release.usableUntil())
                ? release.windowTo() : release.usableUntil();
        LocalDate day = release.windowFrom().atZone(ZoneId.of("Europe/Berlin")).toLocalDate();
        List<PoolCandidate> eligible = new ArrayList<>();
        if (release.dosesLeft() == 0) {
            return eligible;
        }
        for (PoolCandidate candidate : pool) {
            boolean ok = candidate.centreIds().contains(release.centreId())
                    && rules.openGroups().contains(candidate.group())
                    && !busy.contains(candidate.id()) && !offered.contains(candidate.id())
                    && Period.between(candidate.birthDate(), day).getYears()
                    >= rules.minimumAgeFor(release.product()).orElse(Integer.MAX_VALUE)
                    && candidate.travelMinutes() <= rules.maxTravelMinutes()
                    && !context.answerDeadline().plusSeconds(60L * candidate.travelMinutes()).isAfter(arrivalLimit);
            if (ok) {
                eligible.add(candidate);
            }
        }
        eligible.sort((a, b) -> {
            if (rules.prioritised() && a.group() != b.group()) {
                return Integer.compare(a.group().rank(), b.group().rank());
            }
            int byTime = a.registeredAt().compareTo(b.registeredAt());
            return byTime != 0 ? byTime : a.id().compareTo(b.id());
        });
        return eligible;
    }

    private static PoolCandidate randomCandidate(Random random, String id, Instant start) {
        PriorityGroup group = PriorityGroup.values()[random.nextInt(PriorityGroup.values().length)];
        Set<String> centres = new HashSet<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            centres.add(CENTRES.get(random.nextInt(CENTRES.size())));
        }
        // a few share a registration instant, so ties are decided by id
        Instant registeredAt = start.minusSeconds(60L * random.nextInt(5_000));
        return new PoolCandidate(id, LocalDate.of(1930 + random.nextInt(75), 1 + random.nextInt(12),
                1 + random.nextInt(28)), group, centres, 5 + random.nextInt(70), registeredAt);
    }

    private static final class Sim {
        final String id;
        final String centre;
        final String product;
        final int doses;
        final Instant windowFrom;
        final Instant windowTo;
        final Instant usableUntil;
        final Set<String> offered = new HashSet<>();
        int confirmed;
        int open;
        int accepted;
        int answered;

        Sim(String id, String centre, String product, int doses, Instant start, int windowMinutes, int usableMinutes) {
            this.id = id;
            this.centre = centre;
            this.product = product;
            this.doses = doses;
            this.windowFrom = start;
            this.windowTo = start.plusSeconds(60L * windowMinutes);
            this.usableUntil = start.plusSeconds(60L * usableMinutes);
        }

        Release release() {
            return new Release(id, centre, product, doses, windowFrom, windowTo, usableUntil, confirmed,
                    confirmed == doses ? ReleaseStatus.FILLED : ReleaseStatus.OPEN, open, accepted, answered, 0);
        }
    }
}
