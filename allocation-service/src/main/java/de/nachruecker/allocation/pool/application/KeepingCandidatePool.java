package de.nachruecker.allocation.pool.application;

import de.nachruecker.allocation.offer.application.WithdrawingCandidates;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.pool.persistence.CandidateStore;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateUpdated;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.HashSet;

/**
 * Keeps the pool from the candidate events: MongoDB is the record (claims live there), the in-memory index answers
 * "who is next" fast. Each instance rebuilds its index at start and follows every partition of the candidate topic
 * ({@link #follow}) from where the rebuild's data ends, while the grouped consumer ({@link #apply}) writes MongoDB once
 * per event.
 */
@Service
public class KeepingCandidatePool {

    private static final Logger log = LoggerFactory.getLogger(KeepingCandidatePool.class);

    private final CandidateStore store;
    private final CandidateIndex index;
    private final WithdrawingCandidates withdrawing;

    public KeepingCandidatePool(CandidateStore store, CandidateIndex index, WithdrawingCandidates withdrawing) {
        this.store = store;
        this.index = index;
        this.withdrawing = withdrawing;
    }

    /** Runs before the bindings start, so no offer is planned from an empty index. */
    public void rebuildIndex() {
        long started = System.nanoTime();
        store.forEachPoolMember(candidate -> index.put(candidate.toPoolCandidate()));
        log.info("candidate index rebuilt: {} pool members in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    public void apply(CandidateEvent event) {
        CandidateDocument candidate;
        if (event instanceof CandidateRegistered registered) {
            candidate = store.applyProfile(registered.candidateId(), registered.profile());
        } else if (event instanceof CandidateUpdated updated) {
            candidate = store.applyProfile(updated.candidateId(), updated.profile());
        } else {
            candidate = store.applyWithdrawal(event.candidateId());
        }
        if (candidate.poolMember()) {
            index.put(candidate.toPoolCandidate());
        } else {
            index.remove(candidate.id());
        }
        if (candidate.withdrawn() && candidate.activeOfferId() != null) {
            withdrawing.voidOpenOffer(candidate.id(), candidate.activeOfferId());
        }
    }

    /** The index view of an event from any partition; the claim in MongoDB stays the authority. */
    public void follow(CandidateEvent event) {
        if (event instanceof CandidateWithdrawn) {
            index.remove(event.candidateId());
            return;
        }
        CandidateProfile profile = event instanceof CandidateRegistered registered
                ? registered.profile() : ((CandidateUpdated) event).profile();
        if (profile.verified()) {
            index.put(new PoolCandidate(event.candidateId(), profile.birthDate(), profile.priorityGroup(),
                    new HashSet<>(profile.centreIds()), profile.maxTravelMinutes(), profile.registeredAt()));
        } else {
            index.remove(event.candidateId());
        }
    }
}
