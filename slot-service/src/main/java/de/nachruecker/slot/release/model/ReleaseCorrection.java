package de.nachruecker.slot.release.model;

import java.time.Instant;

/**
 * New values for a published release. Centre and product cannot change: a client may repeat them (then they must
 * match) or leave them out ({@code null}).
 */
public record ReleaseCorrection(String centreId, String product, int doseCount, TimeWindow window,
                                Instant usableUntil) {

    public ReleaseCorrection(int doseCount, TimeWindow window, Instant usableUntil) {
        this(null, null, doseCount, window, usableUntil);
    }
}
