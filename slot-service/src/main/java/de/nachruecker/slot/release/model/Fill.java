package de.nachruecker.slot.release.model;

/**
 * How far a release has filled: doses offered to candidates and doses confirmed by them. Kept on the release so the
 * allocation service's offer events can later update it; nothing feeds it yet, so it stays at zero.
 */
public record Fill(int offered, int confirmed) {

    public static final Fill NONE = new Fill(0, 0);

    public Fill {
        if (offered < 0 || confirmed < 0) {
            throw new IllegalArgumentException("fill counters cannot be negative");
        }
    }
}
