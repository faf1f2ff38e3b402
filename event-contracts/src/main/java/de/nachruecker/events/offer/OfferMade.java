package de.nachruecker.events.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * A dose was offered to a candidate, who must answer before {@code answerDeadline}.
 *
 * @param wave            1 for the first wave of the release, counting up
 * @param rank            position of the candidate in the release's ranking when the wave was planned (1 = first)
 * @param ruleVersion     version of the rule set that made the candidate eligible
 * @param answerTokenHash SHA-256 (base64url, no padding) of the secret answer token sent only to the candidate
 */
public record OfferMade(
        UUID eventId, Instant occurredAt, String releaseId, String offerId, String candidateId, String centreId,
        String product, int wave, int rank, int ruleVersion, Instant windowFrom, Instant windowTo,
        Instant answerDeadline, String answerTokenHash) implements OfferEvent {

    public static final String TYPE = "OfferMade.v1";
}
