package de.nachruecker.registration.candidate.application;

/** This phone number is the contact of as many people as it may be, or this person is already registered. */
public class DuplicateRegistrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        HOUSEHOLD_FULL("household_full",
                "This phone number is already the contact of as many people as one phone number may be."),
        PERSON("duplicate_person", "A registration for this person (name and birth date) already exists.");

        private final String metricTag;
        private final String message;

        Kind(String metricTag, String message) {
            this.metricTag = metricTag;
            this.message = message;
        }

        public String metricTag() {
            return metricTag;
        }
    }

    private final Kind kind;

    public DuplicateRegistrationException(Kind kind) {
        super(kind.message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
