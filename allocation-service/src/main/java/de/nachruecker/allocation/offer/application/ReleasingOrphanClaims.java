package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.release.application.Releases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A crash between claiming a candidate and writing the offer leaves a claim with no offer (and perhaps an open offer
 * counted by the release): once the claim is {@code orphan-claim-after} old, free both.
 *
 * <p><b>Only new claims are read.</b> A claim never changes (its id is the offer it reserves; a new claim is a new
 * id with a new {@code claimedAt}): once its offer was found it never becomes an orphan, and one found without its
 * offer is freed. So a sweep reads only the claims that crossed the cutoff since the previous one — {@code claimedAt}
 * in [previous cutoff − {@code orphan-sweep-overlap}, this cutoff) — instead of every claim older than the cutoff,
 * which in a run where nobody answers grew to all 30,000 of them, each re-checked every minute. The watermark is this
 * instance's memory: after a start the first sweep reads all claims once, and a sweep that fails leaves it where it
 * was, so the next one reads its window again.
 *
 * <p><b>Why an overlap.</b> {@code claimedAt} is the claiming instance's clock just before it sends the claim
 * ({@link MakingOffers}), so a claim lands one write later than its stamp; a sweep reads its window
 * {@code orphan-claim-after} (2 min) after the window's end, so without overlap it already sees every claim that landed
 * within that long of its stamp. Any later and the check was unsafe anyway: the offer is written after its claim, and
 * a claim read without its offer is freed (a live wave's candidate freed). The overlap widens that tolerance to
 * {@code orphan-claim-after} + overlap for what the bound assumes away: the sweeping instance's clock ahead of the
 * claiming one's, and a claim stuck behind a stalled store (commands waiting up to 85 s were seen on the local
 * platform under overload). Each sweep then reads about {@code orphan-sweep-interval} + overlap worth of claims.
 */
@Service
public class ReleasingOrphanClaims {

    private static final Logger log = LoggerFactory.getLogger(ReleasingOrphanClaims.class);

    private final Candidates candidates;
    private final Offers offers;
    private final Releases releases;
    private final AllocationProperties properties;
    private final Clock clock;
    /** The cutoff of the last sweep that finished; null until one did (then every claim is read). */
    private Instant checkedUntil;

    public ReleasingOrphanClaims(Candidates candidates, Offers offers, Releases releases,
                                 AllocationProperties properties, Clock clock) {
        this.candidates = candidates;
        this.offers = offers;
        this.releases = releases;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many claims the sweep read (each with its offer looked up) */
    @Scheduled(fixedDelayString = "${nachruecker.allocation.orphan-sweep-interval:60s}")
    public synchronized int releaseOrphanClaims() {
        Instant cutoff = clock.instant().minus(properties.orphanClaimAfter());
        Instant from = checkedUntil == null ? null : checkedUntil.minus(properties.orphanSweepOverlap());
        // a clock set back by more than the overlap leaves an empty window here; the next one starts from the new cutoff
        List<Candidate> claims = from != null && !from.isBefore(cutoff) ? List.of()
                : candidates.claimedBetween(from, cutoff);
        Set<String> written = offers.existing(claims.stream().map(Candidate::activeOfferId).toList());
        for (Candidate claimed : claims) {
            if (!written.contains(claimed.activeOfferId())) {
                log.warn("freeing candidate claim {} that has no offer", claimed.activeOfferId());
                if (claimed.claimReleaseId() != null) {
                    releases.dropOffers(claimed.claimReleaseId(), List.of(claimed.activeOfferId()));
                }
                candidates.release(claimed.id(), claimed.activeOfferId());
            }
        }
        checkedUntil = cutoff;
        return claims.size();
    }
}
