package de.nachruecker.allocation.testing;

import de.nachruecker.allocation.pool.application.Candidates;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.events.candidate.CandidateProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link Candidates} in memory, with the store's guards: each claim change is atomic, as one conditional write is. */
public class InMemoryCandidates implements Candidates {

    private final Map<String, Candidate> candidates = new LinkedHashMap<>();

    /** A candidate as a profile event would have left them. */
    public synchronized void put(Candidate candidate) {
        candidates.put(candidate.id(), candidate);
    }

    @Override
    public synchronized List<Candidate> applyProfiles(List<ProfileChange> changes) {
        changes.forEach(change -> applyProfile(change.candidateId(), change.profile(), change.birthDate()));
        return changes.stream().map(change -> candidates.get(change.candidateId())).toList();
    }

    private Candidate applyProfile(String candidateId, CandidateProfile profile, LocalDate birthDate) {
        Candidate before = candidates.get(candidateId);
        String claim = before == null ? (profile.verified() ? null : Candidate.UNVERIFIED) : before.claim();
        if (profile.verified() && Candidate.UNVERIFIED.equals(claim)) {
            claim = null;
        } else if (!profile.verified() && claim == null) {
            claim = Candidate.UNVERIFIED;
        }
        Candidate after = new Candidate(candidateId, birthDate, profile.priorityGroup(), profile.centreIds(),
                profile.maxTravelMinutes(), profile.registeredAt(), profile.verified(),
                before != null && before.withdrawn(), before != null && before.vaccinated(),
                before == null ? null : before.activeOfferId(), claim, before == null ? null : before.claimedAt(),
                before == null ? null : before.claimReleaseId(), before == null ? null : before.appointmentOfferId());
        candidates.put(candidateId, after);
        return after;
    }

    @Override
    public synchronized Candidate applyWithdrawal(String candidateId) {
        Candidate before = candidates.get(candidateId);
        Candidate after = before == null
                ? new Candidate(candidateId, null, null, null, 0, null, false, true, false, null,
                        Candidate.WITHDRAWN, null, null, null)
                : new Candidate(candidateId, null, before.priorityGroup(), null, before.maxTravelMinutes(),
                        before.registeredAt(), before.verified(), true, before.vaccinated(), before.activeOfferId(),
                        Candidate.WITHDRAWN, before.claimedAt(), before.claimReleaseId(), before.appointmentOfferId());
        candidates.put(candidateId, after);
        return after;
    }

    @Override
    public synchronized boolean claim(String candidateId, String offerId, String releaseId, String centreId,
                                      Instant now) {
        Candidate before = candidates.get(candidateId);
        if (before == null || before.claim() != null) {
            return false;
        }
        Candidate claimed = withClaim(before, offerId, offerId, now, releaseId, null);
        if (!claimed.canBeOfferedAt(centreId)) {
            return false;
        }
        candidates.put(candidateId, claimed);
        return true;
    }

    @Override
    public synchronized void release(String candidateId, String offerId) {
        Candidate before = candidates.get(candidateId);
        if (before != null && offerId.equals(before.claim())) {
            candidates.put(candidateId, withClaim(before, null, null, null, null, null));
        }
    }

    @Override
    public synchronized void holdAppointment(String candidateId, String offerId) {
        Candidate before = candidates.get(candidateId);
        if (before != null && offerId.equals(before.claim())) {
            candidates.put(candidateId, withClaim(before, before.claim(), before.activeOfferId(), before.claimedAt(),
                    before.claimReleaseId(), offerId));
        }
    }

    @Override
    public synchronized void markVaccinated(String candidateId) {
        Candidate c = candidates.get(candidateId);
        candidates.put(candidateId, new Candidate(c.id(), c.birthDate(), c.priorityGroup(), c.centreIds(),
                c.maxTravelMinutes(), c.registeredAt(), c.verified(), c.withdrawn(), true, c.activeOfferId(),
                c.claim(), c.claimedAt(), c.claimReleaseId(), c.appointmentOfferId()));
    }

    @Override
    public synchronized Optional<Candidate> missedAppointment(String candidateId, String offerId) {
        Candidate before = candidates.get(candidateId);
        if (before == null || !offerId.equals(before.claim())) {
            return Optional.empty();
        }
        Candidate after = withClaim(before, null, null, null, null, null);
        candidates.put(candidateId, after);
        return Optional.of(after);
    }

    @Override
    public synchronized Optional<Candidate> find(String candidateId) {
        return Optional.ofNullable(candidates.get(candidateId));
    }

    @Override
    public synchronized void forEachPoolMember(Consumer<Candidate> action) {
        candidates.values().stream().filter(Candidate::poolMember).toList().forEach(action);
    }

    @Override
    public synchronized List<Candidate> claimedBetween(Instant from, Instant before) {
        return candidates.values().stream().filter(c -> c.activeOfferId() != null && c.appointmentOfferId() == null
                && c.claimedAt().isBefore(before) && (from == null || !c.claimedAt().isBefore(from))).toList();
    }

    private static Candidate withClaim(Candidate c, String claim, String activeOfferId, Instant claimedAt,
                                       String claimReleaseId, String appointmentOfferId) {
        return new Candidate(c.id(), c.birthDate(), c.priorityGroup(), c.centreIds(), c.maxTravelMinutes(),
                c.registeredAt(), c.verified(), c.withdrawn(), c.vaccinated(), activeOfferId, claim, claimedAt,
                claimReleaseId, appointmentOfferId);
    }
}
