package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.release.model.ReleaseLedger;

/**
 * One wave of offers for a release, as planned under its lease: each offer of the wave is judged against
 * {@code context} (the rules and the instant the wave started) and carries the wave's number.
 */
public record Wave(ReleaseLedger release, int number, OfferContext context) {
}
