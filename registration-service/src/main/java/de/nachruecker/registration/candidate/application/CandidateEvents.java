package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateUpdated;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationCode;
import de.nachruecker.support.personaldata.DataKey;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalData;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which events a registration change publishes. The pseudonymous profile goes to {@code candidates}; name, phone,
 * email and language only to the compacted {@code candidate-contacts}. Name, phone, email and birth date are sealed
 * with the person's data key from the key vault ({@link PersonalData}), so that deleting the key at erasure makes
 * every copy on the topics unreadable at once.
 */
@Component
public class CandidateEvents {

    private final PersonalData personalData;
    private final MessageSecrets messageSecrets;

    public CandidateEvents(PersonalData personalData, MessageSecrets messageSecrets) {
        this.personalData = personalData;
        this.messageSecrets = messageSecrets;
    }

    /** What {@link #registeredAll} takes for each new registration. */
    public record Registered(Registration registration, DataKey key, VerificationCode code, Instant now) {
    }

    /**
     * Profile and contact, and the first verification code once the contact is known, of each new registration, in
     * their order: sealed with its person's data key that the registration has just created (no read of it back), the
     * codes' message keys created with one write ({@link MessageSecrets#requestAll}).
     */
    public List<List<OutgoingEvent>> registeredAll(List<Registered> registrations) {
        List<NotificationRequested> codes = messageSecrets.requestAll(registrations.stream()
                .map(one -> verificationDraft(one.registration(), one.code(), one.now())).toList());
        List<List<OutgoingEvent>> events = new ArrayList<>();
        for (int i = 0; i < registrations.size(); i++) {
            Registered one = registrations.get(i);
            PersonalData.Sealing sealing = personalData.sealing(one.registration().candidateId(), one.key());
            events.add(List.of(
                    OutgoingEvent.of(Topics.CANDIDATES, new CandidateRegistered(UUID.randomUUID(), one.now(),
                            one.registration().candidateId(),
                            profile(one.registration(), CandidateRegistered.TYPE, sealing))),
                    contact(one.registration(), one.now(), sealing),
                    OutgoingEvent.of(Topics.NOTIFICATION_REQUESTS, codes.get(i))));
        }
        return events;
    }

    /** Profile (verified already) and contact of a person registered on another's proof of the same phone: no code. */
    public List<OutgoingEvent> registeredOnProof(Registration registration, DataKey key, Instant now) {
        PersonalData.Sealing sealing = personalData.sealing(registration.candidateId(), key);
        return List.of(
                OutgoingEvent.of(Topics.CANDIDATES, new CandidateRegistered(UUID.randomUUID(), now,
                        registration.candidateId(), profile(registration, CandidateRegistered.TYPE, sealing))),
                contact(registration, now, sealing));
    }

    /**
     * Asks the notification service to send the current code. The notification id counts the codes, so a request
     * relayed twice is still sent once and a new code is a new message. The code travels sealed with a key of this
     * message only ({@link MessageSecrets}), which the notification service deletes once it is sent.
     */
    public OutgoingEvent verificationCode(Registration registration, VerificationCode code, Instant now) {
        MessageSecrets.Draft draft = verificationDraft(registration, code, now);
        return OutgoingEvent.of(Topics.NOTIFICATION_REQUESTS, messageSecrets.request(draft.now(),
                draft.notificationId(), draft.candidateId(), draft.template(), draft.parameters(), draft.secrets()));
    }

    private static MessageSecrets.Draft verificationDraft(Registration registration, VerificationCode code,
                                                          Instant now) {
        int sequence = registration.verification().orElseThrow().codesSent();
        return new MessageSecrets.Draft(now, "verification:" + registration.candidateId() + ":" + sequence,
                registration.candidateId(), MessageTemplate.VERIFICATION_CODE, Map.of(), Map.of("code", code.value()));
    }

    /**
     * The access code the citizen asked to have sent, sealed like a verification code. The id is made once and stored
     * with the event, so a second relay is no second message.
     */
    public OutgoingEvent accessCode(Registration registration, MessageTemplate template, String grouped,
                                    Instant now) {
        return OutgoingEvent.of(Topics.NOTIFICATION_REQUESTS, messageSecrets.request(now,
                "access-code:" + registration.candidateId() + ":" + UUID.randomUUID(), registration.candidateId(),
                template, Map.of(), Map.of("accessCode", grouped)));
    }

    public List<OutgoingEvent> preferencesChanged(Registration before, Registration after, Instant now) {
        PersonalData.Sealing sealing = personalData.sealing(after.candidateId());
        List<OutgoingEvent> events = new ArrayList<>();
        events.add(updated(after, now, sealing));
        if (before.preferences().orElseThrow().language() != after.preferences().orElseThrow().language()) {
            events.add(contact(after, now, sealing));
        }
        return events;
    }

    public OutgoingEvent updated(Registration registration, Instant now) {
        return updated(registration, now, personalData.sealing(registration.candidateId()));
    }

    private OutgoingEvent updated(Registration registration, Instant now, PersonalData.Sealing sealing) {
        return OutgoingEvent.of(Topics.CANDIDATES, new CandidateUpdated(UUID.randomUUID(), now,
                registration.candidateId(), profile(registration, CandidateUpdated.TYPE, sealing)));
    }

    /**
     * The profile leaves the pool, and both compacted topics lose what they kept of the person (the key that opens
     * it is deleted by {@link ErasingCandidate}, the one erasure path).
     */
    static List<OutgoingEvent> erased(Registration registration, CandidateWithdrawn.Reason reason,
                                              Instant now) {
        return List.of(
                OutgoingEvent.of(Topics.CANDIDATES, new CandidateWithdrawn(UUID.randomUUID(), now,
                        registration.candidateId(), reason)),
                OutgoingEvent.tombstone(Topics.CANDIDATES, registration.candidateId(), now),
                OutgoingEvent.tombstone(Topics.CANDIDATE_CONTACTS, registration.candidateId(), now));
    }

    /**
     * A vaccinated candidate's profile leaves the pool and the compacted topic (it holds the birth date); the contact
     * stays until withdrawal or retention erase it.
     */
    public static List<OutgoingEvent> vaccinated(Registration registration, Instant now) {
        return List.of(
                OutgoingEvent.of(Topics.CANDIDATES, new CandidateWithdrawn(UUID.randomUUID(), now,
                        registration.candidateId(), CandidateWithdrawn.Reason.VACCINATED)),
                OutgoingEvent.tombstone(Topics.CANDIDATES, registration.candidateId(), now));
    }

    /** @param eventType the event that carries the profile: the sealed birth date opens only there */
    private static CandidateProfile profile(Registration registration, String eventType,
                                            PersonalData.Sealing sealing) {
        Preferences preferences = registration.preferences().orElseThrow();
        return new CandidateProfile(sealing.seal(eventType, registration.applicant().orElseThrow().birthDate()),
                registration.priorityGroup().orElseThrow(), preferences.centreIds(), preferences.maxTravelMinutes(),
                registration.registeredAt(), registration.isVerified());
    }

    OutgoingEvent contact(Registration registration, Instant now) {
        return contact(registration, now, personalData.sealing(registration.candidateId()));
    }

    private static OutgoingEvent contact(Registration registration, Instant now, PersonalData.Sealing sealing) {
        Applicant applicant = registration.applicant().orElseThrow();
        CandidateContactChanged.Details details =
                new CandidateContactChanged.Details(applicant.name(), applicant.phone(), applicant.email());
        return OutgoingEvent.of(Topics.CANDIDATE_CONTACTS, new CandidateContactChanged(UUID.randomUUID(), now,
                registration.candidateId(),
                sealing.seal(CandidateContactChanged.TYPE, details),
                registration.preferences().orElseThrow().language().code(), applicant.phoneKind()));
    }
}
