package de.nachruecker.allocation.pool.model;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;

/**
 * A candidate as allocation keeps them, with their claim. {@code claim} is null exactly while the candidate can be
 * offered a dose; an offer sets it to the offer id (only while null), so a candidate holds at most one open offer or
 * confirmed appointment across releases and instances. Otherwise it says why not: {@value #UNVERIFIED} or
 * {@value #WITHDRAWN}. {@code activeOfferId} keeps the offer even when a withdrawal overwrote the claim, so that the
 * offer can still be voided; {@code claimReleaseId} is the release of the claiming offer. {@code appointmentOfferId}
 * is the confirmed offer the candidate holds an appointment by (the claim stays with it) until the centre records the
 * arrival: {@code vaccinated} for good, or a missed appointment, which frees the claim and returns them to the pool.
 */
public record Candidate(
        String id, LocalDate birthDate, PriorityGroup priorityGroup, List<String> centreIds, int maxTravelMinutes,
        Instant registeredAt, boolean verified, boolean withdrawn, boolean vaccinated, String activeOfferId,
        String claim, Instant claimedAt, String claimReleaseId, String appointmentOfferId) {

    public static final String UNVERIFIED = "unverified";
    public static final String WITHDRAWN = "withdrawn";

    /** Whether the candidate belongs in the pool of those who can be offered doses. */
    public boolean poolMember() {
        return verified && !withdrawn && !vaccinated && appointmentOfferId == null && birthDate != null;
    }

    /** Whether an offer at {@code centreId} still fits the candidate (checked right after the claim). */
    public boolean canBeOfferedAt(String centreId) {
        return poolMember() && centreIds != null && centreIds.contains(centreId);
    }

    public PoolCandidate toPoolCandidate() {
        return new PoolCandidate(id, birthDate, priorityGroup, new HashSet<>(centreIds), maxTravelMinutes,
                registeredAt);
    }
}
