package de.nachruecker.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON wire format of every event: ISO-8601 instants, a {@code type} property naming the record and its version.
 * Readers tolerate properties they do not know, so producers can add optional fields without breaking consumers.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public byte[] encode(DomainEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /** The versioned type name an event carries on the wire, e.g. {@code CandidateRegistered.v1}. */
    public String typeOf(DomainEvent event) {
        try {
            return (String) event.getClass().getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(event.getClass() + " declares no public static TYPE", e);
        }
    }

    /**
     * @param eventType the topic's event interface (e.g. {@code CandidateEvent.class}) or a single event record
     * @throws MalformedEventException if the bytes are not JSON, name an unknown type or do not fit the type
     */
    public <T> T decode(byte[] json, Class<T> eventType) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("empty payload, expected " + eventType.getSimpleName());
        }
        try {
            return mapper.readValue(json, eventType);
        } catch (JacksonException e) {
            throw new MalformedEventException(
                    "not a valid " + eventType.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A payload that cannot become an event; consumers send it to the topic's dead letters with this reason. */
    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message);
        }

        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
