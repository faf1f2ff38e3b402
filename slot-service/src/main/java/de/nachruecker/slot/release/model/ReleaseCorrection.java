package de.nachruecker.slot.release.model;

import java.time.Instant;

/** New values for a published release; centre and product stay as they are. */
public record ReleaseCorrection(int doseCount, TimeWindow window, Instant usableUntil) {
}
