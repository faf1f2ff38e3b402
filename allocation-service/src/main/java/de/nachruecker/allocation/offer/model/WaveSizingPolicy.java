package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.release.model.Release;

import java.time.Duration;

/**
 * How many offers the next wave sends:
 * <pre>
 *   p      = (accepted + priorAcceptance × priorWeight) / (answered + priorWeight)   observed acceptance, smoothed
 *   rounds = max(1, floor(timeLeft / responseWindow))                                 waves that still fit
 *   target = ceil(dosesLeft × (1 + 1 / rounds) / max(p, 0.05))                         offers that should be open
 *   wave   = clamp(target − openOffers, 0, maxWaveSize)
 * </pre>
 * With plenty of time the overbooking factor approaches 1/p (few "too late" answers); in the last round it doubles,
 * so the release fills before the doses expire. {@code answered} counts only offers the citizens could see
 * ({@link AcceptanceEvidence}): offers that expire undelivered leave p at what was known, so a notification backlog
 * does not grow the waves that feed it.
 */
public record WaveSizingPolicy(double priorAcceptance, int priorWeight, int maxWaveSize) {

    private static final double MIN_ACCEPTANCE = 0.05;

    public WaveSizingPolicy {
        if (priorAcceptance <= 0 || priorAcceptance > 1 || priorWeight < 0 || maxWaveSize < 1) {
            throw new IllegalArgumentException("need 0 < priorAcceptance <= 1, priorWeight >= 0, maxWaveSize >= 1");
        }
    }

    public double observedAcceptance(int accepted, int answered) {
        return (accepted + priorAcceptance * priorWeight) / (answered + (double) priorWeight);
    }

    public int offersToMake(Release release, Duration timeLeft, Duration responseWindow) {
        if (!release.isOpen() || release.dosesLeft() == 0 || timeLeft.isZero()) {
            return 0;
        }
        double acceptance = Math.max(MIN_ACCEPTANCE, observedAcceptance(release.accepted(), release.answered()));
        long rounds = Math.max(1, timeLeft.toSeconds() / Math.max(1, responseWindow.toSeconds()));
        int target = (int) Math.ceil(release.dosesLeft() * (1 + 1.0 / rounds) / acceptance);
        return Math.max(0, Math.min(maxWaveSize, target - release.openOffers()));
    }
}
