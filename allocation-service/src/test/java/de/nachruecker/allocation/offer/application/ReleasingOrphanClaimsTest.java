package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.testing.InMemoryCandidates;
import de.nachruecker.allocation.testing.InMemoryOffers;
import de.nachruecker.allocation.testing.InMemoryReleases;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.support.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The orphan sweep's watermark: which claims each sweep looks up (orphan claims after 2 minutes, an overlap of 30 s),
 * against in-memory ports.
 */
class ReleasingOrphanClaimsTest {

    private static final Instant NOW = Instant.parse("2021-06-10T08:00:00Z");

    private final MutableClock clock = MutableClock.at(NOW);
    private final InMemoryCandidates candidates = new InMemoryCandidates();
    private final LookedUpOffers offers = new LookedUpOffers();
    private final AllocationProperties properties = new AllocationProperties(0.5, 4, 50, Duration.ofMinutes(30),
            Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10),
            List.of("COMIRNATY"));
    private final ReleasingOrphanClaims sweep = new ReleasingOrphanClaims(candidates, offers,
            new InMemoryReleases(clock), properties, clock);

    @Test
    void theFirstSweepLooksUpEveryClaimOlderThanTheCutoff() {
        claimWithOffer("old", NOW.minus(Duration.ofHours(5)));
        claimWithOffer("just-old-enough", NOW.minus(Duration.ofMinutes(2)).minusMillis(1));
        claimWithOffer("too-young", NOW.minus(Duration.ofMinutes(2)));

        assertThat(sweep.releaseOrphanClaims()).isEqualTo(2);

        assertThat(offers.lookedUp).containsExactly(Set.of("old", "just-old-enough"));
    }

    @Test
    void theNextSweepLooksUpOnlyClaimsSinceTheLastCutoffLessTheOverlap() {
        claimWithOffer("found-before", NOW.minus(Duration.ofMinutes(3)));
        sweep.releaseOrphanClaims(); // cutoff NOW - 2 min
        claimWithOffer("before-the-overlap", NOW.minus(Duration.ofMinutes(2)).minusSeconds(31));
        claimWithOffer("in-the-overlap", NOW.minus(Duration.ofMinutes(2)).minusSeconds(30));
        claimWithOffer("new", NOW.minus(Duration.ofMinutes(1)).minusSeconds(1));
        claimWithOffer("too-young", NOW.minus(Duration.ofMinutes(1)));
        offers.lookedUp.clear();

        clock.advance(Duration.ofMinutes(1));
        assertThat(sweep.releaseOrphanClaims()).isEqualTo(2);

        assertThat(offers.lookedUp).containsExactly(Set.of("in-the-overlap", "new"));
    }

    @Test
    void anOrphanThatLandedAfterTheSweepOfItsTimeButInsideTheOverlapIsStillFreed() {
        sweep.releaseOrphanClaims(); // nothing yet; cutoff NOW - 2 min
        // stamped before that cutoff, written after the sweep; its wave died before writing the offer
        claim("late", "late-offer", NOW.minus(Duration.ofMinutes(2)).minusSeconds(10));
        claimWithOffer("fine", NOW.minus(Duration.ofMinutes(2)).minusSeconds(5));

        clock.advance(Duration.ofMinutes(1));
        sweep.releaseOrphanClaims();

        assertThat(candidates.find("late").orElseThrow().claim()).isNull();
        assertThat(candidates.find("fine").orElseThrow().claim()).isEqualTo("fine");
    }

    @Test
    void aClaimFoundWithItsOfferIsNotLookedUpAgainOnceTheWindowMovedOn() {
        claimWithOffer("found", NOW.minus(Duration.ofMinutes(2)).minusSeconds(10));

        sweep.releaseOrphanClaims();
        clock.advance(Duration.ofMinutes(1));
        sweep.releaseOrphanClaims(); // within the overlap of the first cutoff: once more
        clock.advance(Duration.ofMinutes(1));
        sweep.releaseOrphanClaims();
        clock.advance(Duration.ofMinutes(1));
        sweep.releaseOrphanClaims();

        assertThat(offers.lookedUp).containsExactly(Set.of("found"), Set.of("found"), Set.of(), Set.of());
        assertThat(candidates.find("found").orElseThrow().claim()).isEqualTo("found");
    }

    @Test
    void aSweepThatFailsLeavesTheWatermarkSoTheNextReadsItsWindowAgain() {
        claimWithOffer("first", NOW.minus(Duration.ofMinutes(5)));
        sweep.releaseOrphanClaims();
        claim("orphan", "orphan-offer", NOW.minus(Duration.ofMinutes(1)).minusSeconds(50));
        clock.advance(Duration.ofMinutes(1));
        offers.failNext = true;
        assertThatThrownBy(sweep::releaseOrphanClaims).isInstanceOf(IllegalStateException.class);
        offers.lookedUp.clear();

        clock.advance(Duration.ofMinutes(1));
        sweep.releaseOrphanClaims();

        assertThat(offers.lookedUp).containsExactly(Set.of("orphan-offer"));
        assertThat(candidates.find("orphan").orElseThrow().claim()).isNull();
    }

    /** A candidate claimed by an offer that exists; the offer id is the candidate's. */
    private void claimWithOffer(String candidateId, Instant claimedAt) {
        claim(candidateId, candidateId, claimedAt);
        offers.written.add(candidateId);
    }

    private void claim(String candidateId, String offerId, Instant claimedAt) {
        candidates.put(new Candidate(candidateId, LocalDate.of(1960, 1, 1), PriorityGroup.GENERAL,
                List.of("korbach"), 30, NOW.minus(Duration.ofDays(30)), true, false, false, offerId, offerId,
                claimedAt, null, null));
    }

    /** Offers that exist by id, and which ids each sweep asked about. */
    private static final class LookedUpOffers extends InMemoryOffers {

        final Set<String> written = new HashSet<>();
        final List<Set<String>> lookedUp = new ArrayList<>();
        boolean failNext;

        @Override
        public synchronized Set<String> existing(Collection<String> offerIds) {
            lookedUp.add(Set.copyOf(offerIds));
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database gone");
            }
            Set<String> found = new HashSet<>(offerIds);
            found.retainAll(written);
            return found;
        }
    }
}
