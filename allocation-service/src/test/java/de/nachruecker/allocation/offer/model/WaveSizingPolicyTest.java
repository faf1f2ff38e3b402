package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WaveSizingPolicyTest {

    private static final Logger log = LoggerFactory.getLogger(WaveSizingPolicyTest.class);
    private static final long SEED = 20210407L;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final List<OfferStatus> ENDINGS = List.of(OfferStatus.DECLINED, OfferStatus.EXPIRED,
            OfferStatus.VOID, OfferStatus.UNDELIVERABLE, OfferStatus.REJECTED_TOO_LATE);
    private final WaveSizingPolicy policy = new WaveSizingPolicy(0.5, 4, 50);

    @Test
    void withPlentyOfTimeOverbooksByTheInverseAcceptanceRate() {
        // 6 doses, p = 0.5, 16 rounds left: ceil(6 × 1.0625 / 0.5) = 13
        assertThat(policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ofHours(4), WINDOW)).isEqualTo(13);
    }

    @Test
    void sendsMoreWhenTimeRunsShort() {
        int relaxed = policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ofHours(4), WINDOW);
        int lastRound = policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ofMinutes(20), WINDOW);
        assertThat(lastRound).isEqualTo(24).isGreaterThan(relaxed);
    }

    @Test
    void learnsFromTheObservedAcceptanceRate() {
        // 8 of 10 accepted: p = (8 + 2) / 14
        int eager = policy.offersToMake(release(6, 0, 0, 8, 10), Duration.ofHours(4), WINDOW);
        // 1 of 10 accepted: p = (1 + 2) / 14
        int reluctant = policy.offersToMake(release(6, 0, 0, 1, 10), Duration.ofHours(4), WINDOW);
        assertThat(eager).isLessThan(13).isLessThan(reluctant);
    }

    @Test
    void countsOpenOffersAndStopsWhenNothingIsLeft() {
        assertThat(policy.offersToMake(release(6, 0, 10, 0, 0), Duration.ofHours(4), WINDOW)).isEqualTo(3);
        assertThat(policy.offersToMake(release(6, 6, 0, 6, 6), Duration.ofHours(4), WINDOW)).isZero();
        assertThat(policy.offersToMake(release(6, 0, 0, 0, 0), Duration.ZERO, WINDOW)).isZero();
        assertThat(new WaveSizingPolicy(0.5, 4, 5).offersToMake(release(6, 0, 0, 0, 0), Duration.ofHours(4), WINDOW))
                .isEqualTo(5);
    }

    @Test
    void offersThatExpiredUndeliveredLeaveTheRateAtThePriorAndTheWaveAsForAFreshRelease() {
        // a notification backlog: 200 offers expired before their message went out
        Release backlog = counted(6, 0, 0, Collections.nCopies(200, new Ending(OfferStatus.EXPIRED, false)));
        assertThat(backlog.answered()).isZero();
        assertThat(policy.observedAcceptance(backlog.accepted(), backlog.answered())).isEqualTo(0.5);
        assertThat(policy.offersToMake(backlog, Duration.ofHours(4), WINDOW)).isEqualTo(13);
    }

    @Test
    void offersThatExpiredAfterDeliveryLowerTheRateAsBefore() {
        // 10 seen and not answered: p = 2 / 14, ceil(6 × 1.0625 × 7) = 45
        Release ignored = counted(6, 0, 0, Collections.nCopies(10, new Ending(OfferStatus.EXPIRED, true)));
        assertThat(policy.observedAcceptance(ignored.accepted(), ignored.answered())).isEqualTo(2.0 / 14);
        assertThat(policy.offersToMake(ignored, Duration.ofHours(4), WINDOW)).isEqualTo(45);
    }

    @Test
    void overRandomReleasesTheWaveTopsUpToTheTargetWithinTheBoundAndIgnoresUnseenOffers() {
        log.info("wave sizing property runs with seed {}", SEED);
        Random random = new Random(SEED);
        for (int run = 0; run < 5_000; run++) {
            int doses = 1 + random.nextInt(20);
            int confirmed = random.nextInt(doses + 1);
            int open = random.nextInt(100);
            List<Ending> endings = new ArrayList<>();
            for (int i = random.nextInt(60); i > 0; i--) {
                endings.add(new Ending(ENDINGS.get(random.nextInt(ENDINGS.size())), random.nextBoolean()));
            }
            Duration timeLeft = Duration.ofMinutes(random.nextInt(6 * 60));
            int maxWave = 1 + random.nextInt(60);
            WaveSizingPolicy bounded = new WaveSizingPolicy(0.5, 4, maxWave);
            Release release = counted(doses, confirmed, open, endings);
            String context = "run " + run + " " + release + " " + timeLeft;

            int wave = bounded.offersToMake(release, timeLeft, WINDOW);
            int target = new WaveSizingPolicy(0.5, 4, Integer.MAX_VALUE)
                    .offersToMake(counted(doses, confirmed, 0, endings), timeLeft, WINDOW);
            assertThat(wave).as(context).isBetween(0, maxWave).isEqualTo(Math.max(0, Math.min(maxWave, target - open)));

            List<Ending> withUnseen = new ArrayList<>(endings);
            withUnseen.addAll(Collections.nCopies(1 + random.nextInt(100), new Ending(OfferStatus.EXPIRED, false)));
            assertThat(bounded.offersToMake(counted(doses, confirmed, open, withUnseen), timeLeft, WINDOW))
                    .as(context).isEqualTo(wave);

            List<Ending> withIgnored = new ArrayList<>(endings);
            withIgnored.add(new Ending(OfferStatus.EXPIRED, true));
            Release lower = counted(doses, confirmed, open, withIgnored);
            assertThat(bounded.observedAcceptance(lower.accepted(), lower.answered())).as(context)
                    .isLessThan(bounded.observedAcceptance(release.accepted(), release.answered()));
            assertThat(bounded.offersToMake(lower, timeLeft, WINDOW)).as(context).isBetween(wave, maxWave);
        }
    }

    private record Ending(OfferStatus status, boolean delivered) {
    }

    /** A release whose counts are what its ended offers (and confirmations, each a yes) give as evidence. */
    private static Release counted(int doses, int confirmed, int openOffers, List<Ending> endings) {
        int accepted = confirmed;
        int answered = confirmed;
        for (Ending ending : endings) {
            AcceptanceEvidence evidence = AcceptanceEvidence.of(ending.status(), ending.delivered());
            answered += evidence.answered() ? 1 : 0;
            accepted += evidence.accepted() ? 1 : 0;
        }
        return release(doses, confirmed, openOffers, accepted, answered);
    }

    private static Release release(int doses, int confirmed, int openOffers, int accepted, int answered) {
        Instant now = Instant.parse("2021-04-12T08:00:00Z");
        return new Release("r", "korbach", "COMIRNATY", doses, now, now.plusSeconds(14_400), now.plusSeconds(21_600),
                confirmed, ReleaseStatus.OPEN, openOffers, accepted, answered, 1);
    }
}
