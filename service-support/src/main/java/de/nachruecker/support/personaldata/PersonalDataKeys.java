package de.nachruecker.support.personaldata;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.Binary;

import javax.crypto.Cipher;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * The key vault: one 256-bit data key per person in its own MongoDB database ({@value #DEFAULT_DATABASE}, collection
 * {@value #COLLECTION}, {@code _id} = candidate id), after the pattern of MongoDB's client-side field-level
 * encryption key vault. registration-service, which owns the personal data, creates a person's key at registration
 * and deletes it at erasure; the consumers only read. With a master key configured, each data key is stored wrapped
 * by it (AES-256-GCM, associated data the candidate id), so neither a copy of the vault database nor its file's stale
 * pages open anything without the master key, which lives only in the services' configuration.
 * Plain driver API (no Spring), so that the load tools and the fault tests seed keys through this same class.
 */
public final class PersonalDataKeys implements AutoCloseable {

    public static final String DEFAULT_DATABASE = "key-vault";
    public static final String COLLECTION = "personal-data-keys";
    private static final String WRAP_CONTEXT = "personal-data-key|";

    private final MongoCollection<Document> keys;
    private final byte[] masterKey;
    private final SecureRandom random = new SecureRandom();
    private MongoClient ownClient;

    /**
     * @param masterKey 32 bytes, or {@code null} to store data keys unwrapped (tests, tools without a master key)
     */
    public PersonalDataKeys(MongoCollection<Document> keys, byte[] masterKey) {
        if (masterKey != null && masterKey.length != 32) {
            throw new IllegalArgumentException("the key vault's master key must have 256 bits (32 bytes, base64)");
        }
        this.keys = keys;
        this.masterKey = masterKey == null ? null : masterKey.clone();
    }

    /** The vault in {@code database} of the server {@code client} talks to. */
    public static PersonalDataKeys on(MongoClient client, String database, String masterKeyBase64) {
        return new PersonalDataKeys(client.getDatabase(database).getCollection(COLLECTION),
                masterKeyBase64 == null || masterKeyBase64.isBlank() ? null
                        : Base64.getDecoder().decode(masterKeyBase64.strip()));
    }

    /** The vault on the server of {@code uri} with a client of its own, closed by {@link #close()}. */
    public static PersonalDataKeys connect(String uri, String database, String masterKeyBase64) {
        MongoClient client = MongoClients.create(uri);
        PersonalDataKeys keys = on(client, database, masterKeyBase64);
        keys.ownClient = client;
        return keys;
    }

    @Override
    public void close() {
        if (ownClient != null) {
            ownClient.close();
        }
    }

    public boolean wrapsKeys() {
        return masterKey != null;
    }

    /**
     * Creates the person's key; if it exists already (a retried registration, a re-seeded tool run) returns it. Its
     * version is random, so that a value sealed with an earlier key of the same person, deleted since, is recognised
     * as erased rather than as tampered with.
     */
    public DataKey create(String candidateId) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        DataKey key = new DataKey(1 + random.nextInt(Integer.MAX_VALUE - 1), material);
        Document document = new Document("_id", candidateId)
                .append("version", key.version())
                .append("wrapped", masterKey != null)
                .append("key", new Binary(masterKey == null ? material : wrap(candidateId, material)))
                .append("createdAt", Date.from(Instant.now()));
        try {
            keys.insertOne(document);
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return find(candidateId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The person's key, or empty once they are erased. */
    public Optional<DataKey> find(String candidateId) {
        Document document = keys.find(new Document("_id", candidateId)).first();
        if (document == null) {
            return Optional.empty();
        }
        byte[] stored = document.get("key", Binary.class).getData();
        boolean wrapped = Boolean.TRUE.equals(document.getBoolean("wrapped"));
        if (wrapped && masterKey == null) {
            throw new IllegalStateException("the key vault holds wrapped keys but no master key is configured "
                    + "(nachruecker.key-vault.master-key)");
        }
        return Optional.of(new DataKey(document.getInteger("version"),
                wrapped ? unwrap(candidateId, stored) : stored));
    }

    /** Erases the person's key: everything sealed with it is unreadable from now on. Safe to repeat. */
    public void delete(String candidateId) {
        keys.deleteOne(new Document("_id", candidateId));
    }

    private byte[] wrap(String candidateId, byte[] material) {
        byte[] nonce = new byte[PersonalDataCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] wrapped = PersonalDataCipher.crypt(Cipher.ENCRYPT_MODE, masterKey, nonce, context(candidateId),
                material);
        byte[] stored = Arrays.copyOf(nonce, nonce.length + wrapped.length);
        System.arraycopy(wrapped, 0, stored, nonce.length, wrapped.length);
        return stored;
    }

    private byte[] unwrap(String candidateId, byte[] stored) {
        byte[] nonce = Arrays.copyOf(stored, PersonalDataCipher.NONCE_BYTES);
        byte[] wrapped = Arrays.copyOfRange(stored, PersonalDataCipher.NONCE_BYTES, stored.length);
        try {
            return PersonalDataCipher.crypt(Cipher.DECRYPT_MODE, masterKey, nonce, context(candidateId), wrapped);
        } catch (PersonalDataCipher.SealedValueException e) {
            throw new IllegalStateException("the data key of a candidate does not unwrap with the configured master "
                    + "key (nachruecker.key-vault.master-key changed?)", e);
        }
    }

    private static byte[] context(String candidateId) {
        return (WRAP_CONTEXT + candidateId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
