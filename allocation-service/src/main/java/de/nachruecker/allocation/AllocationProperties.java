package de.nachruecker.allocation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code nachruecker.allocation}.
 *
 * @param priorAcceptance   acceptance rate assumed before a release has answers (wave sizing)
 * @param priorWeight       how many answers the prior counts as (wave sizing)
 * @param maxWaveSize       upper bound of offers in one wave
 * @param atRiskBefore      DosesAtRisk goes out when usable-until is this close with doses left
 * @param orphanClaimAfter  a candidate claim without an offer document (crash between the two writes) is released
 *                          after this long
 * @param orphanSweepOverlap how far before the previous sweep's cutoff the orphan sweep starts reading new claims: a
 *                          claim that lands later than {@code orphanClaimAfter} after its {@code claimedAt} (clocks
 *                          apart, a stalled store) is still checked if it lands within this much more
 * @param unannouncedAfter  an open offer whose message was still not requested this long after it was made (its wave
 *                          stopped in between) is announced, or voided if its release ended
 * @param products          vaccine products whose meters exist at zero from start-up for every catalogue centre
 * @param leaseDuration     how long an instance holds a release's wave lease without renewing it; an instance that
 *                          dies while planning delays the release's next wave by at most this plus the sweep interval
 */
@ConfigurationProperties("nachruecker.allocation")
public record AllocationProperties(
        @DefaultValue("0.5") double priorAcceptance,
        @DefaultValue("4") int priorWeight,
        @DefaultValue("50") int maxWaveSize,
        @DefaultValue("30m") Duration atRiskBefore,
        @DefaultValue("2m") Duration orphanClaimAfter,
        @DefaultValue("30s") Duration orphanSweepOverlap,
        @DefaultValue("30s") Duration unannouncedAfter,
        @DefaultValue("10s") Duration leaseDuration,
        @DefaultValue({"COMIRNATY", "SPIKEVAX", "VAXZEVRIA", "JANSSEN"}) List<String> products) {
}
