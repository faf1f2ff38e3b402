package de.nachruecker.support.personaldata;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.SealedValue;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.support.testing.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secrets of a notification request: sealed with a key of the message, readable only while the key lives. */
class MessageSecretsTest {

    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Instant NOW = Instant.parse("2021-05-03T08:00:00Z");

    /** Insert commands this test's client sent. */
    private static final AtomicInteger INSERTS = new AtomicInteger();

    private static MongoClient client;
    private static PersonalDataKeys vault;
    private static MessageSecrets secrets;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(EmbeddedMongo.uri("message-secrets-test")))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("insert")) {
                            INSERTS.incrementAndGet();
                        }
                    }
                }).build());
        vault = PersonalDataKeys.on(client, "key-vault", MASTER);
        secrets = new MessageSecrets(vault.messageKeys(), new PersonalDataCipher());
        secrets.keys().createIndexes();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theSecretTravelsSealedOpensWhileTheKeyLivesAndNeverAfter() {
        String token = "tok-" + UUID.randomUUID();
        NotificationRequested offer = secrets.request(NOW, "offer:o-1", "c-1", MessageTemplate.OFFER,
                Map.of("centreName", "Impfzentrum Kassel"), Map.of("answerToken", token));

        String wire = new String(new EventCodec().encode(offer), StandardCharsets.UTF_8);
        assertThat(wire).contains("NotificationRequested.v2", "Impfzentrum Kassel").doesNotContain(token)
                .doesNotContain("answerToken");
        NotificationRequested decoded = new EventCodec().decode(wire.getBytes(StandardCharsets.UTF_8),
                NotificationRequested.class);
        assertThat(opened(decoded)).contains(Map.of("answerToken", token));
        Document stored = client.getDatabase("key-vault").getCollection(MessageKeys.COLLECTION)
                .find(new Document("_id", offer.eventId().toString())).first();
        assertThat(stored).as("the message key, wrapped by the master key").isNotNull();
        assertThat(stored.getBoolean("wrapped")).isTrue();
        assertThat(stored.getString("candidateId")).isEqualTo("c-1");

        secrets.discard(offer.eventId().toString());

        assertThat(opened(offer)).isEmpty();
    }

    @Test
    void aBatchOfSecretsOpensWithOneReadOfTheirKeysAndEndsWithOneDelete() {
        NotificationRequested first = secrets.request(NOW, "offer:o-b1", "c-b", MessageTemplate.OFFER, Map.of(),
                Map.of("answerToken", "tok-b1"));
        NotificationRequested second = secrets.request(NOW, "offer:o-b2", "c-b", MessageTemplate.OFFER, Map.of(),
                Map.of("answerToken", "tok-b2"));
        NotificationRequested gone = secrets.request(NOW, "offer:o-b3", "c-b", MessageTemplate.OFFER, Map.of(),
                Map.of("answerToken", "tok-b3"));
        secrets.discard(gone.eventId().toString());
        String firstId = first.eventId().toString();
        String secondId = second.eventId().toString();

        MessageSecrets.Opener opener = secrets.openAll(List.of(firstId, secondId, gone.eventId().toString()));

        assertThat(opener.open(firstId, first.secrets())).contains(Map.of("answerToken", "tok-b1"));
        assertThat(opener.open(secondId, second.secrets())).contains(Map.of("answerToken", "tok-b2"));
        assertThat(opener.open(gone.eventId().toString(), gone.secrets())).isEmpty();

        secrets.discardAll(List.of(firstId, secondId));

        assertThat(secrets.open(firstId, first.secrets())).isEmpty();
        assertThat(secrets.open(secondId, second.secrets())).isEmpty();
        assertThat(secrets.openAll(List.of(firstId, secondId)).open(firstId, first.secrets())).isEmpty();
    }

    @Test
    void requestsMadeTogetherGetTheirKeysInOneInsertAndOpenEachWithItsOwn() {
        long keysBefore = client.getDatabase("key-vault").getCollection(MessageKeys.COLLECTION).countDocuments();
        int insertsBefore = INSERTS.get();
        List<NotificationRequested> requests = secrets.requestAll(List.of(
                new MessageSecrets.Draft(NOW, "offer:o-w1", "c-w1", MessageTemplate.OFFER, Map.of("offerId", "o-w1"),
                        Map.of("answerToken", "tok-w1")),
                new MessageSecrets.Draft(NOW, "confirmation:o-w0", "c-w0", MessageTemplate.CONFIRMATION, Map.of(),
                        Map.of()),
                new MessageSecrets.Draft(NOW, "offer:o-w2", "c-w2", MessageTemplate.OFFER, Map.of("offerId", "o-w2"),
                        Map.of("answerToken", "tok-w2"))));

        assertThat(INSERTS.get() - insertsBefore).as("insert commands").isEqualTo(1);
        assertThat(requests).extracting(NotificationRequested::notificationId)
                .containsExactly("offer:o-w1", "confirmation:o-w0", "offer:o-w2");
        assertThat(opened(requests.get(0))).contains(Map.of("answerToken", "tok-w1"));
        assertThat(requests.get(1).secrets()).as("no secrets: nothing sealed, no key").isNull();
        assertThat(opened(requests.get(2))).contains(Map.of("answerToken", "tok-w2"));
        assertThat(client.getDatabase("key-vault").getCollection(MessageKeys.COLLECTION).countDocuments())
                .isEqualTo(keysBefore + 2);
        Document stored = client.getDatabase("key-vault").getCollection(MessageKeys.COLLECTION)
                .find(new Document("_id", requests.get(2).eventId().toString())).first();
        assertThat(stored).isNotNull();
        assertThat(stored.getBoolean("wrapped")).isTrue();
        assertThat(stored.getString("candidateId")).isEqualTo("c-w2");
    }

    @Test
    void aSealedSecretOpensOnlyInTheRequestItWasMadeFor() {
        NotificationRequested one = verificationCode("verification:c-2:1", "c-2", "123456");
        NotificationRequested other = verificationCode("verification:c-2:2", "c-2", "654321");
        SealedValue moved = new SealedValue(one.secrets().keyVersion(), other.secrets().nonce(),
                other.secrets().ciphertext());

        assertThatThrownBy(() -> secrets.open(one.eventId().toString(), moved))
                .isInstanceOf(PersonalDataCipher.SealedValueException.class);
        assertThat(secrets.open(other.eventId().toString(), one.secrets())).as("another message's key version")
                .isEmpty();
    }

    @Test
    void withoutSecretsNothingIsSealedAndNoKeyMade() {
        long keys = client.getDatabase("key-vault").getCollection(MessageKeys.COLLECTION).countDocuments();
        NotificationRequested receipt = secrets.request(NOW, "confirmation:o-3", "c-3",
                MessageTemplate.CONFIRMATION, Map.of("reference", "ABCD-EFGH"), Map.of());

        assertThat(receipt.secrets()).isNull();
        assertThat(new String(new EventCodec().encode(receipt), StandardCharsets.UTF_8)).doesNotContain("secrets");
        assertThat(client.getDatabase("key-vault").getCollection(MessageKeys.COLLECTION).countDocuments())
                .isEqualTo(keys);
    }

    @Test
    void erasureEndsAPersonsWaitingSecretsAndExpiryEndsEveryOldOne() {
        NotificationRequested first = verificationCode("verification:c-4:1", "c-4", "111111");
        NotificationRequested access = secrets.request(NOW, "access-code:c-4:x", "c-4",
                MessageTemplate.ACCESS_CODE_BY_SMS, Map.of(), Map.of("accessCode", "ABCD EFGH"));
        NotificationRequested someoneElse = verificationCode("verification:c-5:1", "c-5", "222222");

        assertThat(secrets.eraseOf("c-4")).isEqualTo(2);

        assertThat(opened(first)).isEmpty();
        assertThat(opened(access)).isEmpty();
        assertThat(opened(someoneElse)).isPresent();
        assertThat(secrets.expireBefore(Instant.now().minusSeconds(3600))).as("nothing an hour old").isZero();
        assertThat(secrets.expireBefore(Instant.now().plusSeconds(1))).isPositive();
        assertThat(opened(someoneElse)).isEmpty();
    }

    private NotificationRequested verificationCode(String notificationId, String candidateId, String code) {
        return secrets.request(NOW, notificationId, candidateId, MessageTemplate.VERIFICATION_CODE, Map.of(),
                Map.of("code", code));
    }

    /** The request's secrets opened with its own message key, as the notification service opens them. */
    private Optional<Map<String, String>> opened(NotificationRequested request) {
        return secrets.open(request.eventId().toString(), request.secrets());
    }
}
