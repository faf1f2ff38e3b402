package de.nachruecker.allocation.pool.application;

import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.events.candidate.CandidateProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The candidates and their claims; each claim change is one conditional write on the candidate alone. */
public interface Candidates {

    /**
     * Applies whole profiles in their order, with one write for all of them (idempotent without event ids: a
     * redelivered suffix ends in the same state).
     *
     * @return for each change, its candidate as stored once all of them are applied
     */
    List<Candidate> applyProfiles(List<ProfileChange> changes);

    /** Drops the pseudonymous data; {@code activeOfferId} stays so that an open offer can still be voided. */
    Candidate applyWithdrawal(String candidateId);

    /**
     * Claims the candidate for an offer of a release at {@code centreId}: only if the claim is free and they still
     * fit ({@link Candidate#canBeOfferedAt}).
     */
    boolean claim(String candidateId, String offerId, String releaseId, String centreId, Instant now);

    /** A claim to make: {@link #claim}'s arguments. */
    record Claim(String candidateId, String offerId, String releaseId, String centreId, Instant now) {
    }

    /**
     * Makes each claim as {@link #claim} does, each its own conditional write on its candidate, sent together; nothing
     * relies on them being applied all or none.
     *
     * @return the offer ids whose claims were made
     */
    default Set<String> claimAll(List<Claim> claims) {
        Set<String> claimed = new HashSet<>();
        claims.forEach(claim -> {
            if (claim(claim.candidateId(), claim.offerId(), claim.releaseId(), claim.centreId(), claim.now())) {
                claimed.add(claim.offerId());
            }
        });
        return claimed;
    }

    /** Frees the candidate if {@code offerId} still holds the claim (and drops an appointment by it); repeatable. */
    void release(String candidateId, String offerId);

    /** The claim of a CONFIRMED offer becomes the appointment: out of the pool until the arrival is recorded. */
    void holdAppointment(String candidateId, String offerId);

    /** Out of the pool for good; repeatable. */
    void markVaccinated(String candidateId);

    /** Frees the claim the missed appointment held; empty if it did not hold it (any more). */
    Optional<Candidate> missedAppointment(String candidateId, String offerId);

    Optional<Candidate> find(String candidateId);

    void forEachPoolMember(Consumer<Candidate> action);

    /**
     * Claims made in [{@code from}, {@code before}) that have not become an appointment (the orphan check).
     *
     * @param from the earliest {@code claimedAt}, or {@code null} for every claim older than {@code before}
     */
    List<Candidate> claimedBetween(Instant from, Instant before);

    /** A candidate's whole profile from a profile event, with the birth date opened. */
    record ProfileChange(String candidateId, CandidateProfile profile, LocalDate birthDate) {
    }
}
