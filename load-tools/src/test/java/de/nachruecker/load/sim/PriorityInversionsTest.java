package de.nachruecker.load.sim;

import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.load.pool.SeededCandidate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static de.nachruecker.events.candidate.PriorityGroup.GENERAL;
import static de.nachruecker.events.candidate.PriorityGroup.HIGHEST;
import static de.nachruecker.load.sim.Events.confirmed;
import static de.nachruecker.load.sim.Events.declined;
import static de.nachruecker.load.sim.Events.made;
import static de.nachruecker.load.sim.Events.release;
import static org.assertj.core.api.Assertions.assertThat;

class PriorityInversionsTest {

    private static final SeededCandidate ELDER = Events.candidate("elder", HIGHEST, 1, 85, 1, "c1");
    private static final SeededCandidate YOUNG = Events.candidate("young", GENERAL, 30, 30, 1, "c1");
    private static final RunRelease R1 = release("r1", "COMIRNATY", 1);

    @Test
    void aDoseForTheYoungWhileTheFreeElderWasNeverAskedIsAnInversion() {
        List<PriorityInversions.Inversion> found = find(List.of(ELDER, YOUNG), R1,
                made("r1", "o1", "young", 10), confirmed("r1", "o1", "young", 60));

        assertThat(found).containsExactly(new PriorityInversions.Inversion("r1", "young", "elder"));
    }

    @Test
    void noInversionWhenTheElderWasAskedFirst() {
        assertThat(find(List.of(ELDER, YOUNG), R1,
                made("r1", "o0", "elder", 5), made("r1", "o1", "young", 10), declined("r1", "o0", "elder", 20),
                confirmed("r1", "o1", "young", 60))).isEmpty();
    }

    @Test
    void noInversionWhenTheElderHeldAnotherOfferAtThatMoment() {
        assertThat(find(List.of(ELDER, YOUNG), R1,
                made("r0", "o0", "elder", 1), made("r1", "o1", "young", 10), declined("r0", "o0", "elder", 30),
                confirmed("r1", "o1", "young", 60))).isEmpty();
    }

    @Test
    void anOfferClosedWithinTheGraceBeforeTheWaveIsARaceNotAnInversion() {
        assertThat(find(List.of(ELDER, YOUNG), R1,
                made("r0", "o0", "elder", 1), declined("r0", "o0", "elder", 9), made("r1", "o1", "young", 10),
                confirmed("r1", "o1", "young", 60))).isEmpty();
    }

    @Test
    void theProductsMinimumAgeAndTheTravelTimeMakeTheElderIneligible() {
        SeededCandidate farAway = Events.candidate("far", HIGHEST, 1, 85, 3, "c1");
        SeededCandidate tooYoung = Events.candidate("teen", HIGHEST, 1, 40, 1, "c1");
        RunRelease vaxzevria = release("r1", "VAXZEVRIA", 1);
        SeededCandidate olderYoung = Events.candidate("young", GENERAL, 30, 65, 1, "c1");

        assertThat(find(List.of(farAway, tooYoung, olderYoung), vaxzevria,
                made("r1", "o1", "young", 10), confirmed("r1", "o1", "young", 60))).isEmpty();
    }

    @Test
    void candidatesOfOtherCentresAndLowerRankDoNotCount() {
        SeededCandidate elsewhere = Events.candidate("elsewhere", HIGHEST, 1, 85, 1, "c2");
        SeededCandidate laterGeneral = Events.candidate("later", GENERAL, 1, 30, 1, "c1");

        assertThat(find(List.of(elsewhere, laterGeneral, YOUNG), R1,
                made("r1", "o1", "young", 10), confirmed("r1", "o1", "young", 60))).isEmpty();
    }

    private static List<PriorityInversions.Inversion> find(List<SeededCandidate> pool, RunRelease release,
                                                           OfferEvent... events) {
        PriorityInversions inversions = new PriorityInversions(pool,
                Map.of("COMIRNATY", 16, "VAXZEVRIA", 60), Events.DAY, Duration.ofSeconds(2));
        return inversions.find(List.of(release), new OfferTimeline(List.of(events)),
                pool.stream().collect(Collectors.toMap(SeededCandidate::id, Function.identity())));
    }
}
