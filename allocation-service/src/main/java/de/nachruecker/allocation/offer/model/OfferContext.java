package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.release.model.Release;
import de.nachruecker.allocation.rules.model.RuleSet;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * What eligibility is judged against when a wave is planned.
 *
 * @param busy            candidates with an open offer or a confirmed appointment anywhere
 * @param offeredBefore   candidates already offered a dose of this release
 */
public record OfferContext(
        Release release, RuleSet rules, Instant now, Predicate<String> busy, Predicate<String> offeredBefore) {

    /**
     * The rule's response window, shrunk to half the time left when the vial clock runs short (a candidate needs the
     * other half to travel), but never below the rule's minimum.
     */
    public Duration responseWindow() {
        Duration half = release.timeLeft(now).dividedBy(2);
        Duration window = half.compareTo(rules.responseWindow()) < 0 ? half : rules.responseWindow();
        return window.compareTo(rules.minResponseWindow()) < 0 ? rules.minResponseWindow() : window;
    }

    public Instant answerDeadline() {
        return now.plus(responseWindow());
    }
}
