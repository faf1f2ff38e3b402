package de.nachruecker.registration.registration.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The person behind a registration: personal data that stays in this service (and, as contact data, in the
 * notification service).
 *
 * @param phone E.164 mobile number, already checked by {@link MobileNumberPolicy}
 * @param email may be {@code null}
 */
public record Applicant(String name, LocalDate birthDate, String phone, String email) {

    public Applicant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(phone, "phone");
    }

    /** Personal data never reaches a log line, not even by accident. */
    @Override
    public String toString() {
        return "Applicant[redacted]";
    }

    /** What makes two registrations the same person, see {@link PersonIdentity}. */
    public String identityKey() {
        return PersonIdentity.key(name, birthDate);
    }
}
