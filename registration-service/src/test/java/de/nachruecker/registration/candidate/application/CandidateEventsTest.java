package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateUpdated;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationCode;
import de.nachruecker.registration.candidate.model.VerificationPolicy;
import de.nachruecker.support.personaldata.DataKey;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import de.nachruecker.support.testing.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.nachruecker.events.EventCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateEventsTest {

    private static final Instant NOW = Instant.parse("2021-05-03T08:00:00Z");
    private static final VerificationCode CODE = new VerificationCode("123456");
    private static final Registration REGISTRATION = Registration.register("c-1",
                    new Applicant("Erika Mustermann", LocalDate.of(1950, 4, 1), "+4915123456789", "erika@example.org"),
                    PriorityGroup.HIGH, new Preferences(List.of("korbach", "kassel"), 30, Language.DE), NOW)
            .issueCode(CODE.hash("c-1"), NOW, new VerificationPolicy(Duration.ofMinutes(15), 5, 5, Duration.ZERO));

    private static MongoClient client;
    private static PersonalDataKeys keys;
    private static PersonalData personalData;
    private static MessageSecrets messageSecrets;
    private static CandidateEvents candidateEvents;
    private static DataKey key;

    @BeforeAll
    static void vault() {
        client = MongoClients.create(EmbeddedMongo.uri("candidate-events-test"));
        keys = PersonalDataKeys.on(client, "key-vault", null);
        key = keys.create("c-1");
        personalData = new PersonalData(keys, new PersonalDataCipher(), 10);
        messageSecrets = new MessageSecrets(keys.messageKeys(), new PersonalDataCipher());
        candidateEvents = new CandidateEvents(personalData, messageSecrets);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void registrationPublishesProfileContactAndVerificationCodeKeyedByCandidate() {
        List<OutgoingEvent> events = candidateEvents.registeredAll(
                List.of(new CandidateEvents.Registered(REGISTRATION, key, CODE, NOW))).get(0);

        assertThat(events).extracting(OutgoingEvent::topic)
                .containsExactly(Topics.CANDIDATES, Topics.CANDIDATE_CONTACTS, Topics.NOTIFICATION_REQUESTS);
        assertThat(events).extracting(OutgoingEvent::key).containsOnly("c-1");
        CandidateRegistered registered = (CandidateRegistered) events.get(0).event();
        assertThat(personalData.open("c-1", CandidateRegistered.TYPE, registered.profile().birthDate(),
                LocalDate.class)).contains(LocalDate.of(1950, 4, 1));
        assertThat(registered.profile().priorityGroup()).isEqualTo(PriorityGroup.HIGH);
        assertThat(registered.profile().centreIds()).containsExactly("korbach", "kassel");
        assertThat(registered.profile().maxTravelMinutes()).isEqualTo(30);
        assertThat(registered.profile().registeredAt()).isEqualTo(NOW);
        assertThat(registered.profile().verified()).isFalse();
        CandidateContactChanged contact = (CandidateContactChanged) events.get(1).event();
        assertThat(personalData.open("c-1", CandidateContactChanged.TYPE, contact.contact(),
                CandidateContactChanged.Details.class)).contains(new CandidateContactChanged.Details(
                "Erika Mustermann", "+4915123456789", "erika@example.org"));
        assertThat(new String(new EventCodec().encode(contact), StandardCharsets.UTF_8)
                + new String(new EventCodec().encode(registered), StandardCharsets.UTF_8))
                .as("nothing personal in clear on the wire")
                .doesNotContain("Erika", "Mustermann", "4915123456789", "erika@", "1950-04-01");
        assertThat(contact.language()).isEqualTo("de");
        NotificationRequested code = (NotificationRequested) events.get(2).event();
        assertThat(code.template()).isEqualTo(MessageTemplate.VERIFICATION_CODE);
        assertThat(code.notificationId()).isEqualTo("verification:c-1:1");
        // the code travels sealed with a key of this message only, which the notification service deletes once sent
        assertThat(code.parameters()).isEmpty();
        assertThat(new String(new EventCodec().encode(code), StandardCharsets.UTF_8)).doesNotContain("123456");
        assertThat(messageSecrets.open(code.eventId().toString(), code.secrets()))
                .contains(Map.of("code", "123456"));
        messageSecrets.discard(code.eventId().toString());
        assertThat(messageSecrets.open(code.eventId().toString(), code.secrets())).as("sent: unreadable").isEmpty();
    }

    @Test
    void registrationsWrittenTogetherKeepTheirOrderAndEachCodeOpensOnlyWithItsOwnMessagesKey() {
        VerificationCode otherCode = new VerificationCode("654321");
        Registration other = Registration.register("c-2",
                        new Applicant("Hans Meier", LocalDate.of(1961, 2, 3), "+491701234567", null),
                        PriorityGroup.GENERAL, new Preferences(List.of("fulda"), 60, Language.EN), NOW)
                .issueCode(otherCode.hash("c-2"), NOW, new VerificationPolicy(Duration.ofMinutes(15), 5, 5,
                        Duration.ZERO));
        DataKey otherKey = keys.create("c-2");

        List<List<OutgoingEvent>> events = candidateEvents.registeredAll(List.of(
                new CandidateEvents.Registered(REGISTRATION, key, CODE, NOW),
                new CandidateEvents.Registered(other, otherKey, otherCode, NOW)));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).extracting(OutgoingEvent::key).containsOnly("c-1");
        assertThat(events.get(1)).extracting(OutgoingEvent::key).containsOnly("c-2");
        CandidateContactChanged contact = (CandidateContactChanged) events.get(1).get(1).event();
        assertThat(personalData.open("c-2", CandidateContactChanged.TYPE, contact.contact(),
                CandidateContactChanged.Details.class).orElseThrow().name()).isEqualTo("Hans Meier");
        NotificationRequested first = (NotificationRequested) events.get(0).get(2).event();
        NotificationRequested second = (NotificationRequested) events.get(1).get(2).event();
        assertThat(second.notificationId()).isEqualTo("verification:c-2:1");
        assertThat(messageSecrets.open(first.eventId().toString(), first.secrets())).contains(Map.of("code", "123456"));
        assertThat(messageSecrets.open(second.eventId().toString(), second.secrets()))
                .contains(Map.of("code", "654321"));
        messageSecrets.discard(first.eventId().toString());
        assertThat(messageSecrets.open(first.eventId().toString(), first.secrets())).isEmpty();
        assertThat(messageSecrets.open(second.eventId().toString(), second.secrets())).as("a key of its own")
                .contains(Map.of("code", "654321"));
    }

    @Test
    void theAccessCodeTravelsSealedAndTheErasureOfThePersonEndsItBeforeItIsSent() {
        OutgoingEvent event = candidateEvents.accessCode(REGISTRATION, MessageTemplate.ACCESS_CODE_BY_SMS,
                "ABCD EFGH JKMN PQRS TVWX YZ01 2345", NOW);
        NotificationRequested request = (NotificationRequested) event.event();

        assertThat(request.notificationId()).startsWith("access-code:c-1:");
        assertThat(new String(new EventCodec().encode(request), StandardCharsets.UTF_8)).doesNotContain("ABCD");
        assertThat(messageSecrets.open(request.eventId().toString(), request.secrets()))
                .contains(Map.of("accessCode", "ABCD EFGH JKMN PQRS TVWX YZ01 2345"));
        assertThat(messageSecrets.eraseOf("c-1")).isPositive();
        assertThat(messageSecrets.open(request.eventId().toString(), request.secrets())).isEmpty();
    }

    @Test
    void preferenceChangeUpdatesTheProfileAndTheContactOnlyWhenTheLanguageChanged() {
        Registration sameLanguage = REGISTRATION.changePreferences(new Preferences(List.of("fulda"), 60, Language.DE));
        assertThat(candidateEvents.preferencesChanged(REGISTRATION, sameLanguage, NOW))
                .singleElement().extracting(OutgoingEvent::event).isInstanceOf(CandidateUpdated.class);

        Registration english = REGISTRATION.changePreferences(new Preferences(List.of("fulda"), 60, Language.EN));
        List<OutgoingEvent> events = candidateEvents.preferencesChanged(REGISTRATION, english, NOW);
        assertThat(events).extracting(OutgoingEvent::topic)
                .containsExactly(Topics.CANDIDATES, Topics.CANDIDATE_CONTACTS);
        assertThat(((CandidateContactChanged) events.get(1).event()).language()).isEqualTo("en");
    }

    @Test
    void withdrawalPublishesTheWithdrawalAndTombstonesForTheProfileAndTheContact() {
        List<OutgoingEvent> events = CandidateEvents.erased(REGISTRATION.withdraw(NOW),
                CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE, NOW);

        assertThat(((CandidateWithdrawn) events.get(0).event()).reason())
                .isEqualTo(CandidateWithdrawn.Reason.WITHDRAWN_BY_CANDIDATE);
        assertThat(events.subList(1, 3)).extracting(OutgoingEvent::topic)
                .containsExactly(Topics.CANDIDATES, Topics.CANDIDATE_CONTACTS);
        assertThat(events.subList(1, 3)).allSatisfy(tombstone -> {
            assertThat(tombstone.isTombstone()).isTrue();
            assertThat(tombstone.key()).isEqualTo("c-1");
        });
    }

    @Test
    void aVaccinationTakesTheProfileOutOfThePoolAndTheCompactedTopic() {
        List<OutgoingEvent> events = CandidateEvents.vaccinated(REGISTRATION, NOW);

        assertThat(((CandidateWithdrawn) events.get(0).event()).reason()).isEqualTo(CandidateWithdrawn.Reason.VACCINATED);
        assertThat(events.get(1).topic()).isEqualTo(Topics.CANDIDATES);
        assertThat(events.get(1).isTombstone()).isTrue();
    }
}
