package de.nachruecker.registration.candidate.persistence;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.candidate.model.RegistrationStatus;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * A registration as stored. Personal fields are absent once withdrawn; the unique keys then hold a placeholder that
 * is unique per registration, so a withdrawn registration never blocks a new one (a missing field would be indexed
 * as {@code null}, and a second withdrawn document would collide with it).
 *
 * @param phoneKey    while verified: the E.164 phone number for the first person on it, {@code <E.164>#<n>} for the
 *                    n-th (unique, so one phone is the contact of at most the configured number of people);
 *                    unverified and withdrawn registrations hold a placeholder, so they never keep anyone out
 * @param identityKey hash of normalised name and birth date while verified (unique); a placeholder otherwise
 * @param householdPlace the n of {@code phoneKey}; absent in documents stored before households (then 1 if verified)
 * @param birthDate   ISO date as text, so no time zone conversion can shift it
 * @param verification the current verification code (as hash) and its counters
 * @param missedAppointmentAt when the candidate last missed a confirmed appointment
 * @param outbox      events promised by the last writes and not yet published
 * @param phoneKind   whether {@code phone} is a mobile or a landline; absent (MOBILE) in documents from before
 */
@Document(MongoRegistrations.COLLECTION)
record RegistrationDocument(
        @Id String id,
        String accessTokenHash,
        String phoneKey,
        String identityKey,
        String name,
        String birthDate,
        String phone,
        String email,
        String language,
        PriorityGroup priorityGroup,
        List<String> centreIds,
        Integer maxTravelMinutes,
        Instant registeredAt,
        RegistrationStatus status,
        Instant withdrawnAt,
        VerificationDocument verification,
        Instant missedAppointmentAt,
        Integer householdPlace,
        long version,
        List<PendingEvent> outbox,
        PhoneKind phoneKind) {

    /**
     * @param codeHash salted SHA-256 of the current code, absent once verified
     * @param provedAt when the phone's possession was proved, see {@code PhoneVerification}
     */
    record VerificationDocument(String codeHash, Instant expiresAt, int attempts, int codesSent, Instant lastSentAt,
                                Instant provedAt) {
    }
}
