package de.nachruecker.allocation.pool.application;

import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.pool.model.PoolCandidate;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateUpdated;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.support.personaldata.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the pool from the candidate events: MongoDB is the record (claims live there), the in-memory index answers
 * "who is next" fast. Each instance rebuilds its index at start and follows every partition of the candidate topic
 * ({@link #follow}) from where the rebuild's data ends, while the grouped consumer ({@link #apply}) writes MongoDB once
 * per event.
 */
@Service
public class KeepingCandidatePool {

    private static final Logger log = LoggerFactory.getLogger(KeepingCandidatePool.class);

    private final Candidates store;
    private final CandidateIndex index;
    private final WithdrawnCandidateOffers withdrawing;
    private final PersonalData personalData;

    public KeepingCandidatePool(Candidates store, CandidateIndex index, WithdrawnCandidateOffers withdrawing,
                                PersonalData personalData) {
        this.store = store;
        this.index = index;
        this.withdrawing = withdrawing;
        this.personalData = personalData;
    }

    /** Runs before the bindings start, so no offer is planned from an empty index. */
    public void rebuildIndex() {
        long started = System.nanoTime();
        store.forEachPoolMember(candidate -> index.put(candidate.toPoolCandidate()));
        log.info("candidate index rebuilt: {} pool members in {} ms", index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The events of one poll of the grouped consumer, in their order: the keys of everyone in it are read at once, a
     * run of profile events is one write ({@link Candidates#applyProfiles}), a withdrawal is applied on its own. A
     * profile whose sealed birth date no longer opens belongs to an erased person: it is skipped as if compaction had
     * removed it already (their withdrawal follows on the same partition).
     */
    public void applyAll(List<CandidateEvent> events) {
        prefetchKeys(events);
        List<Candidates.ProfileChange> profiles = new ArrayList<>();
        for (CandidateEvent event : events) {
            if (event instanceof CandidateWithdrawn) {
                applyProfiles(profiles);
                indexed(store.applyWithdrawal(event.candidateId()));
                personalData.forget(event.candidateId());
            } else {
                birthDateOf(event).ifPresent(birthDate -> profiles.add(new Candidates.ProfileChange(
                        event.candidateId(), profileOf(event), birthDate)));
            }
        }
        applyProfiles(profiles);
    }

    private void applyProfiles(List<Candidates.ProfileChange> profiles) {
        if (!profiles.isEmpty()) {
            store.applyProfiles(profiles).forEach(this::indexed);
            profiles.clear();
        }
    }

    /** The index follows what the store now holds; a withdrawn candidate's open offer is voided. */
    private void indexed(Candidate candidate) {
        if (candidate.poolMember()) {
            index.put(candidate.toPoolCandidate());
        } else {
            index.remove(candidate.id());
        }
        if (candidate.withdrawn() && candidate.activeOfferId() != null) {
            withdrawing.voidOpenOffer(candidate.id(), candidate.activeOfferId());
        }
    }

    /** The events of one poll of the index feed, in their order, with the keys of everyone in it read at once. */
    public void followAll(List<CandidateEvent> events) {
        prefetchKeys(events);
        events.forEach(this::follow);
    }

    private void prefetchKeys(List<CandidateEvent> events) {
        personalData.prefetch(events.stream().filter(event -> !(event instanceof CandidateWithdrawn))
                .map(CandidateEvent::candidateId).toList());
    }

    /** The index view of an event from any partition; the claim in MongoDB stays the authority. */
    private void follow(CandidateEvent event) {
        if (event instanceof CandidateWithdrawn) {
            index.remove(event.candidateId());
            personalData.forget(event.candidateId());
            return;
        }
        Optional<LocalDate> birthDate = birthDateOf(event);
        if (birthDate.isEmpty()) {
            return;
        }
        CandidateProfile profile = profileOf(event);
        if (profile.verified()) {
            index.put(new PoolCandidate(event.candidateId(), birthDate.get(), profile.priorityGroup(),
                    new HashSet<>(profile.centreIds()), profile.maxTravelMinutes(), profile.registeredAt()));
        } else {
            index.remove(event.candidateId());
        }
    }

    /** The tombstone after a withdrawal: the person's key may go from the cache (if the withdrawal did not). */
    public void forget(String candidateId) {
        personalData.forget(candidateId);
    }

    private static CandidateProfile profileOf(CandidateEvent event) {
        return event instanceof CandidateRegistered registered
                ? registered.profile() : ((CandidateUpdated) event).profile();
    }

    /** Empty if the person is erased (their key left the vault). */
    private Optional<LocalDate> birthDateOf(CandidateEvent event) {
        String type = event instanceof CandidateRegistered ? CandidateRegistered.TYPE : CandidateUpdated.TYPE;
        Optional<LocalDate> birthDate = personalData.open(event.candidateId(), type, profileOf(event).birthDate(),
                LocalDate.class);
        if (birthDate.isEmpty()) {
            log.debug("candidate {} is erased (no data key); {} {} skipped", event.candidateId(), type,
                    event.eventId());
        }
        return birthDate;
    }
}
