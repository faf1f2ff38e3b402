package de.nachruecker.support.personaldata;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.nachruecker.events.SealedValue;
import de.nachruecker.support.testing.EmbeddedMongo;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing, the key vault on a real MongoDB-protocol server, and the consumers' key cache. */
class PersonalDataTest {

    private static final String TYPE = "CandidateContactChanged.v2";
    private static final String MASTER = Base64.getEncoder().encodeToString(bytes(32));

    private static MongoClient client;
    private static PersonalDataKeys vault;
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    record Contact(String name, String phone) {
    }

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedMongo.uri("personal-data-test"));
        vault = PersonalDataKeys.on(client, "key-vault", MASTER);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void opensWhatItSealedAndTheCiphertextShowsNothingOfIt() {
        String candidate = UUID.randomUUID().toString();
        DataKey key = vault.create(candidate);
        SealedValue sealed = cipher.seal(key, candidate, TYPE, new Contact("Walburga Quetschkommode", "+4915129384756"));

        assertThat(cipher.open(key, candidate, TYPE, sealed, Contact.class))
                .isEqualTo(new Contact("Walburga Quetschkommode", "+4915129384756"));
        String decoded = new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.ISO_8859_1);
        assertThat(sealed.toString() + decoded).doesNotContain("Walburga", "4915129384756");
        assertThat(cipher.seal(key, candidate, TYPE, LocalDate.of(1939, 9, 17)).nonce())
                .as("a fresh nonce per value").isNotEqualTo(sealed.nonce());
        assertThat(cipher.open(key, candidate, "CandidateUpdated.v2",
                cipher.seal(key, candidate, "CandidateUpdated.v2", LocalDate.of(1939, 9, 17)), LocalDate.class))
                .isEqualTo(LocalDate.of(1939, 9, 17));
    }

    @Test
    void aCiphertextDoesNotOpenForAnotherPersonAnotherEventOrWhenChanged() {
        String candidate = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        DataKey key = vault.create(candidate);
        SealedValue sealed = cipher.seal(key, candidate, TYPE, new Contact("Anna", "+491511"));

        assertThatThrownBy(() -> cipher.open(key, other, TYPE, sealed, Contact.class))
                .isInstanceOf(PersonalDataCipher.SealedValueException.class);
        assertThatThrownBy(() -> cipher.open(key, candidate, "CandidateRegistered.v2", sealed, Contact.class))
                .isInstanceOf(PersonalDataCipher.SealedValueException.class);
        assertThatThrownBy(() -> cipher.open(vault.create(other), candidate, TYPE, sealed, Contact.class))
                .isInstanceOf(PersonalDataCipher.SealedValueException.class);
        byte[] changed = Base64.getDecoder().decode(sealed.ciphertext());
        changed[0] ^= 1;
        assertThatThrownBy(() -> cipher.open(key, candidate, TYPE,
                new SealedValue(1, sealed.nonce(), Base64.getEncoder().encodeToString(changed)), Contact.class))
                .isInstanceOf(PersonalDataCipher.SealedValueException.class);
    }

    @Test
    void theVaultStoresKeysWrappedOnceCreatedKeepsThemAndForgetsThemAtDeletion() {
        String candidate = UUID.randomUUID().toString();
        DataKey key = vault.create(candidate);

        assertThat(vault.create(candidate)).as("creating twice keeps the first key").isEqualTo(key);
        assertThat(vault.find(candidate)).contains(key);
        Document stored = client.getDatabase("key-vault").getCollection(PersonalDataKeys.COLLECTION)
                .find(new Document("_id", candidate)).first();
        assertThat(stored.getBoolean("wrapped")).isTrue();
        assertThat(stored.get("key", Binary.class).getData()).as("not the key in clear").isNotEqualTo(key.material());
        assertThatThrownBy(() -> PersonalDataKeys.on(client, "key-vault",
                Base64.getEncoder().encodeToString(bytes(32))).find(candidate))
                .as("another master key does not unwrap it").isInstanceOf(IllegalStateException.class);

        vault.delete(candidate);
        vault.delete(candidate);

        assertThat(vault.find(candidate)).isEmpty();
    }

    @Test
    void consumersOpenFromTheirCacheUntilTheyForgetTheErasedPerson() {
        String candidate = UUID.randomUUID().toString();
        PersonalData owner = new PersonalData(vault, cipher, 10);
        PersonalData consumer = new PersonalData(vault, cipher, 10);
        vault.create(candidate);
        SealedValue sealed = owner.seal(candidate, TYPE, new Contact("Anna", "+491511"));
        assertThat(consumer.open(candidate, TYPE, sealed, Contact.class)).contains(new Contact("Anna", "+491511"));

        vault.delete(candidate);

        assertThat(consumer.open(candidate, TYPE, sealed, Contact.class))
                .as("until the erasure reaches the consumer, its cached key still opens").isPresent();
        consumer.forget(candidate);
        assertThat(consumer.open(candidate, TYPE, sealed, Contact.class)).as("erased: the record counts as gone")
                .isEmpty();
        assertThatThrownBy(() -> owner.seal(candidate, TYPE, new Contact("Anna", "+491511")))
                .isInstanceOf(PersonalData.ErasedPersonException.class);
    }

    @Test
    void aValueSealedWithADeletedKeyCountsAsErasedEvenOnceThePersonHasANewKey() {
        String candidate = UUID.randomUUID().toString();
        PersonalData consumer = new PersonalData(vault, cipher, 10);
        SealedValue old = cipher.seal(vault.create(candidate), candidate, TYPE, "before");
        vault.delete(candidate);
        SealedValue current = cipher.seal(vault.create(candidate), candidate, TYPE, "after");

        assertThat(consumer.open(candidate, TYPE, old, String.class)).isEmpty();
        assertThat(consumer.open(candidate, TYPE, current, String.class)).contains("after");
    }

    @Test
    void theCacheIsBounded() {
        PersonalData consumer = new PersonalData(vault, cipher, 2);
        String first = UUID.randomUUID().toString();
        SealedValue sealed = cipher.seal(vault.create(first), first, TYPE, "x");
        consumer.open(first, TYPE, sealed, String.class);
        for (int i = 0; i < 2; i++) {
            String other = UUID.randomUUID().toString();
            consumer.open(other, TYPE, cipher.seal(vault.create(other), other, TYPE, "y"), String.class);
        }
        vault.delete(first);

        assertThat(consumer.open(first, TYPE, sealed, String.class)).as("the eldest key left the cache").isEmpty();
    }

    /** A batch's keys come with one read, and the values sealed with them open after their keys left the vault. */
    @Test
    void prefetchedKeysOpenWithoutAReadEach() {
        PersonalData consumer = new PersonalData(vault, cipher, 10);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        SealedValue sealedFirst = cipher.seal(vault.create(first), first, TYPE, "one");
        SealedValue sealedSecond = cipher.seal(vault.create(second), second, TYPE, "two");

        consumer.prefetch(List.of(first, second, "never-registered"));
        vault.delete(first);
        vault.delete(second);

        assertThat(consumer.open(first, TYPE, sealedFirst, String.class)).contains("one");
        assertThat(consumer.open(second, TYPE, sealedSecond, String.class)).contains("two");
    }

    /** Keys created for many people at once open what they sealed; a person's key that exists is kept, not replaced. */
    @Test
    void keysCreatedTogetherKeepAnExistingOne() {
        String existing = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        DataKey before = vault.create(existing);

        Map<String, DataKey> created = vault.createAll(List.of(existing, fresh));

        assertThat(created.get(existing).version()).isEqualTo(before.version());
        assertThat(created.get(existing).material()).isEqualTo(before.material());
        assertThat(vault.find(fresh).orElseThrow().material()).isEqualTo(created.get(fresh).material());
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
