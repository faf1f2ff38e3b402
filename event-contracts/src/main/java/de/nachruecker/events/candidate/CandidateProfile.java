package de.nachruecker.events.candidate;

import de.nachruecker.events.SealedValue;

import java.time.Instant;
import java.util.List;

/**
 * What the allocation service may know of a candidate: pseudonymous, no name, phone or email; the one personal
 * field, the birth date, only sealed.
 *
 * @param birthDate         for age limits per vaccine product: the ISO date (JSON string) sealed with the person's
 *                          data key, associated data the candidate id and the carrying event's type (see
 *                          {@link SealedValue})
 * @param priorityGroup     CoronaImpfV group the candidate declared
 * @param centreIds         centres the candidate can reach, in order of preference
 * @param maxTravelMinutes  how long the candidate needs to reach any of them
 * @param registeredAt      start of the waiting time (first registered, first offered)
 * @param verified          phone verified: only verified candidates enter the pool
 */
public record CandidateProfile(
        SealedValue birthDate,
        PriorityGroup priorityGroup,
        List<String> centreIds,
        int maxTravelMinutes,
        Instant registeredAt,
        boolean verified) {

    public CandidateProfile {
        centreIds = List.copyOf(centreIds);
    }
}
