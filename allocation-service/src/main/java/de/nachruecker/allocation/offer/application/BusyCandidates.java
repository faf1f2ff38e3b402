package de.nachruecker.allocation.offer.application;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's memory of candidates who hold an open offer, so that planning a wave skips them without a database
 * round trip. Only a hint: the claim in MongoDB decides. An entry lapses at the offer's deadline, so a candidate freed
 * by another instance is skipped here at most until then.
 */
@Component
public class BusyCandidates {

    private final Map<String, Instant> busyUntil = new ConcurrentHashMap<>();

    public void busy(String candidateId, Instant until) {
        busyUntil.put(candidateId, until);
    }

    public void free(String candidateId) {
        busyUntil.remove(candidateId);
    }

    public boolean isBusy(String candidateId, Instant now) {
        Instant until = busyUntil.get(candidateId);
        if (until == null) {
            return false;
        }
        if (!until.isAfter(now)) {
            busyUntil.remove(candidateId, until);
            return false;
        }
        return true;
    }
}
