package de.nachruecker.allocation.offer.application;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's memory of candidates who hold an open offer, so that planning a wave skips them without a database
 * round trip. Only a hint: the claim in MongoDB decides. An entry lapses at the offer's deadline, so a candidate freed
 * by another instance is skipped here at most until then.
 *
 * <p>Each hint names its offer. When an offer ends, its hint is replaced by a short-lived note that it ended
 * ({@link #ended}), and a hint for an offer that has ended is never set again: a wave that read the candidate's claim
 * just before the offer ended (a failed claim, then a read) would otherwise set the hint after the end and hide a free
 * candidate from every wave until the hint lapsed. Ending an offer never removes the hint of a newer offer.
 */
@Component
public class BusyCandidates {

    /** How long the note that an offer ended is kept: far longer than a read racing the end can take. */
    static final Duration ENDED_NOTE = Duration.ofMinutes(5);

    /** @param until the offer's deadline while open; when the note is dropped once ended */
    public record Hint(String offerId, Instant until, boolean ended) {
    }

    private final Map<String, Hint> hints = new ConcurrentHashMap<>();

    /** The candidate holds {@code offerId} until {@code until}; ignored if that offer has already ended here. */
    public void busy(String candidateId, String offerId, Instant until) {
        hints.compute(candidateId, (id, old) -> old != null && old.ended() && old.offerId().equals(offerId)
                ? old : new Hint(offerId, until, false));
    }

    /** {@code offerId} ended (claim freed or turned into an appointment): its hint goes, a newer offer's stays. */
    public void ended(String candidateId, String offerId, Instant now) {
        hints.compute(candidateId, (id, old) -> old != null && !old.ended() && !old.offerId().equals(offerId)
                ? old : new Hint(offerId, now.plus(ENDED_NOTE), true));
    }

    /** Forgets whatever is known about the candidate (e.g. a missed appointment freed them). */
    public void free(String candidateId) {
        hints.remove(candidateId);
    }

    public boolean isBusy(String candidateId, Instant now) {
        return hint(candidateId, now).isPresent();
    }

    /** The open offer this instance knows of, if its deadline has not passed. */
    public Optional<Hint> hint(String candidateId, Instant now) {
        Hint hint = hints.get(candidateId);
        if (hint == null) {
            return Optional.empty();
        }
        if (!hint.until().isAfter(now)) {
            hints.remove(candidateId, hint);
            return Optional.empty();
        }
        return hint.ended() ? Optional.empty() : Optional.of(hint);
    }

    /** Drops lapsed hints and old notes of ended offers (those of candidates no wave looked at since). */
    public void forgetLapsed(Instant now) {
        hints.values().removeIf(hint -> !hint.until().isAfter(now));
    }

    int size() {
        return hints.size();
    }
}
