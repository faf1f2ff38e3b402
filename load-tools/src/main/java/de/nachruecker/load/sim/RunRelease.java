package de.nachruecker.load.sim;

import java.time.Instant;

/** A release slot-service accepted during the run; {@code acceptedAt} is when its 201 arrived. */
public record RunRelease(String releaseId, String centreId, String product, int doses, Instant acceptedAt) {
}
