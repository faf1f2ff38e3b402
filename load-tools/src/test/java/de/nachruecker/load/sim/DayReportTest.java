package de.nachruecker.load.sim;

import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.load.pool.SeededCandidate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static de.nachruecker.events.candidate.PriorityGroup.GENERAL;
import static de.nachruecker.load.sim.Events.confirmed;
import static de.nachruecker.load.sim.Events.expired;
import static de.nachruecker.load.sim.Events.filled;
import static de.nachruecker.load.sim.Events.made;
import static de.nachruecker.load.sim.Events.release;
import static org.assertj.core.api.Assertions.assertThat;

class DayReportTest {

    private static final List<SeededCandidate> POOL = List.of(
            Events.candidate("a", GENERAL, 3, 30, 1, "c1"),
            Events.candidate("b", GENERAL, 2, 30, 1, "c1"),
            Events.candidate("c", GENERAL, 1, 30, 1, "c1"));

    @Test
    void dosesUsedTimeToFillAndOffersPerDose() {
        DayReport report = report(List.of(release("r1", "COMIRNATY", 2), release("r2", "COMIRNATY", 1)), Set.of("a", "b"),
                made("r1", "o1", "a", 1), made("r1", "o2", "b", 1), made("r2", "o3", "c", 2),
                confirmed("r1", "o1", "a", 20), confirmed("r1", "o2", "b", 30), filled("r1", 2, 30),
                expired("r2", 1, 300));

        assertThat(report.dosesReleased()).isEqualTo(3);
        assertThat(report.dosesUsed()).isEqualTo(2);
        assertThat(report.usedShare()).isEqualTo(2.0 / 3);
        assertThat(report.dosesExpiredReported()).isEqualTo(1);
        assertThat(report.releasesNotFilled()).isEqualTo(1);
        // filled 30 s after acceptance, compressed 40×: 20 minutes of the day
        assertThat(report.timeToFillMinutes().p50()).isEqualTo(20.0);
        assertThat(report.offersPerDose()).isEqualTo(1.5);
        assertThat(report.travelledForNothing()).isZero();
    }

    @Test
    void someoneToldConfirmedWithoutTheDoseTravelledForNothing() {
        DayReport report = report(List.of(release("r1", "COMIRNATY", 1)), Set.of("a", "b"),
                made("r1", "o1", "a", 1), made("r1", "o2", "b", 1), confirmed("r1", "o1", "a", 20));

        assertThat(report.travelledForNothing()).isEqualTo(1);
    }

    @Test
    void confirmationsBeyondTheDosesCountAsTravelledForNothing() {
        DayReport report = report(List.of(release("r1", "COMIRNATY", 1)), Set.of(),
                made("r1", "o1", "a", 1), made("r1", "o2", "b", 1),
                confirmed("r1", "o1", "a", 20), confirmed("r1", "o2", "b", 21));

        assertThat(report.dosesUsed()).isEqualTo(1);
        assertThat(report.travelledForNothing()).isEqualTo(1);
    }

    private static DayReport report(List<RunRelease> releases, Set<String> toldConfirmed, OfferEvent... events) {
        return DayReport.of(releases, List.of(events), POOL, toldConfirmed,
                new PriorityInversions(POOL, Map.of(), Events.DAY, Duration.ofSeconds(2)),
                new SimClock(Events.T0, 40));
    }
}
