package de.nachruecker.events.candidate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.SealedValue;

import java.time.Instant;
import java.util.UUID;

/**
 * How to reach a candidate, on the compacted {@link de.nachruecker.events.Topics#CANDIDATE_CONTACTS} topic, for the
 * notification service only. Name, phone and email travel only sealed with the person's data key (see
 * {@link SealedValue}); deleting that key at erasure makes every copy unreadable at once, and the tombstone (a record
 * with this key and a null value) lets compaction remove the ciphertext too.
 *
 * @param contact   the sealed {@link Details}, opened with the key of {@code candidateId} and {@link #TYPE}
 * @param language  ISO 639-1 code of the message language ("de" or "en")
 * @param phoneKind whether the phone takes SMS ({@link PhoneKind#MOBILE}) or only calls ({@link PhoneKind#LANDLINE});
 *                  null reads as MOBILE
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = CandidateContactChanged.class, name = CandidateContactChanged.TYPE))
public record CandidateContactChanged(
        UUID eventId, Instant occurredAt, String candidateId, SealedValue contact, String language,
        PhoneKind phoneKind) implements DomainEvent {

    /** v2: name, phone and email moved into the sealed {@code contact}; v1 (in clear) is no longer read. */
    public static final String TYPE = "CandidateContactChanged.v2";

    /** The kind of the phone, MOBILE where the record does not say. */
    public PhoneKind phoneKindOrMobile() {
        return phoneKind == null ? PhoneKind.MOBILE : phoneKind;
    }

    @Override
    public String partitionKey() {
        return candidateId;
    }

    /**
     * What {@code contact} holds once opened (JSON of this record).
     *
     * @param name  how to address the person in messages
     * @param phone E.164 number, may be null when only email is given
     * @param email may be null when only a phone is given
     */
    public record Details(String name, String phone, String email) {
    }
}
