package de.nachruecker.events.candidate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import de.nachruecker.events.DomainEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * How to reach a candidate, on the compacted {@link de.nachruecker.events.Topics#CANDIDATE_CONTACTS} topic, for the
 * notification service only. Erasure is a tombstone (a record with this key and a null value).
 *
 * @param name     how to address the person in messages
 * @param phone    E.164 number, may be null when only email is given
 * @param email    may be null when only a phone is given
 * @param language ISO 639-1 code of the message language ("de" or "en")
 * @param phoneKind whether {@code phone} takes SMS ({@link PhoneKind#MOBILE}) or only calls
 *                  ({@link PhoneKind#LANDLINE}); null (records written before it existed) reads as MOBILE
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = CandidateContactChanged.class, name = CandidateContactChanged.TYPE))
public record CandidateContactChanged(
        UUID eventId, Instant occurredAt, String candidateId, String name, String phone, String email,
        String language, PhoneKind phoneKind) implements DomainEvent {

    public static final String TYPE = "CandidateContactChanged.v1";

    /** The kind of {@code phone}, MOBILE where the record does not say. */
    public PhoneKind phoneKindOrMobile() {
        return phoneKind == null ? PhoneKind.MOBILE : phoneKind;
    }

    @Override
    public String partitionKey() {
        return candidateId;
    }
}
