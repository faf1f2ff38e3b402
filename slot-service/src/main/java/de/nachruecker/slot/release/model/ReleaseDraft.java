package de.nachruecker.slot.release.model;

import java.time.Instant;

/**
 * What an operator asks to publish, not yet checked. Exactly one of {@code usableUntil} and {@code vialOpenedAt} is
 * expected.
 */
public record ReleaseDraft(String centreId, String product, int doseCount, TimeWindow window, Instant usableUntil,
                           Instant vialOpenedAt) {
}
