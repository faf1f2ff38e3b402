package de.nachruecker.slot.release.application;

import de.nachruecker.events.release.ReleaseEvent;
import de.nachruecker.slot.release.model.Release;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Applies a change to the current state of a release: read, derive the next state, write it only if nobody changed the
 * release in between, else start over from the newer state.
 */
final class ChangingRelease {

    private static final int ATTEMPTS = 3;

    private ChangingRelease() {
    }

    static Release apply(ReleaseStore store, String releaseId, UnaryOperator<Release> change,
                         Function<Release, ReleaseEvent> event) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Release current = store.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
            Release next = change.apply(current);
            if (store.update(current, next, event.apply(next))) {
                return next;
            }
        }
        throw new ConcurrentChangeException(releaseId);
    }
}
