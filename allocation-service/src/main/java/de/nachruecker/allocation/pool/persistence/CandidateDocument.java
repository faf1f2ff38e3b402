package de.nachruecker.allocation.pool.persistence;

import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.events.candidate.PriorityGroup;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A {@link Candidate} as stored; a unique index on {@code (_id, claim)} serves every conditional claim write. */
@Document(CandidateDocument.COLLECTION)
public record CandidateDocument(
        @Id String id, LocalDate birthDate, PriorityGroup priorityGroup, List<String> centreIds, int maxTravelMinutes,
        Instant registeredAt, boolean verified, boolean withdrawn, boolean vaccinated, String activeOfferId,
        String claim, Instant claimedAt, String claimReleaseId, String appointmentOfferId) {

    public static final String COLLECTION = "candidates";

    public Candidate toCandidate() {
        return new Candidate(id, birthDate, priorityGroup, centreIds, maxTravelMinutes, registeredAt, verified,
                withdrawn, vaccinated, activeOfferId, claim, claimedAt, claimReleaseId, appointmentOfferId);
    }
}
