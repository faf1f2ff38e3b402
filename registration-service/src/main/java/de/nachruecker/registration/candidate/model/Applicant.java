package de.nachruecker.registration.candidate.model;

import de.nachruecker.events.candidate.PhoneKind;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The person behind a registration: personal data that stays in this service (and, as contact data, in the
 * notification service).
 *
 * @param phone     E.164 number, already checked by {@link MobileNumberPolicy} for its kind
 * @param email     may be {@code null}
 * @param phoneKind a mobile takes SMS, a landline gets calls; MOBILE when not given (registrations from before)
 */
public record Applicant(String name, LocalDate birthDate, String phone, String email, PhoneKind phoneKind) {

    public Applicant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(phone, "phone");
        phoneKind = phoneKind == null ? PhoneKind.MOBILE : phoneKind;
    }

    /** With a mobile number. */
    public Applicant(String name, LocalDate birthDate, String phone, String email) {
        this(name, birthDate, phone, email, PhoneKind.MOBILE);
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
