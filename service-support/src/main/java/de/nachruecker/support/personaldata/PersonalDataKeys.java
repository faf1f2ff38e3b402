package de.nachruecker.support.personaldata;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.bson.types.Binary;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final SecureRandom random = new SecureRandom();
    private final KeyWrap wrap;
    private final byte[] masterKey;
    private MongoDatabase database;
    private MongoClient ownClient;

    /**
     * @param masterKey 32 bytes, or {@code null} to store data keys unwrapped (tests, tools without a master key)
     */
    public PersonalDataKeys(MongoCollection<Document> keys, byte[] masterKey) {
        this.keys = keys;
        this.wrap = new KeyWrap(masterKey, random);
        this.masterKey = masterKey == null ? null : masterKey.clone();
    }

    /** The vault in {@code database} of the server {@code client} talks to. */
    public static PersonalDataKeys on(MongoClient client, String database, String masterKeyBase64) {
        MongoDatabase vault = client.getDatabase(database);
        PersonalDataKeys keys = new PersonalDataKeys(vault.getCollection(COLLECTION), masterKey(masterKeyBase64));
        keys.database = vault;
        return keys;
    }

    /** The message keys in the same vault (same server, database and master key). */
    public MessageKeys messageKeys() {
        if (database == null) {
            throw new IllegalStateException("a vault built from a bare collection knows no database");
        }
        return new MessageKeys(database.getCollection(MessageKeys.COLLECTION), masterKey);
    }

    static byte[] masterKey(String base64) {
        return base64 == null || base64.isBlank() ? null : Base64.getDecoder().decode(base64.strip());
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
        return wrap.wraps();
    }

    /**
     * Creates the person's key; if it exists already (a retried registration, a re-seeded tool run) returns it. Its
     * version is random, so that a value sealed with an earlier key of the same person, deleted since, is recognised
     * as erased rather than as tampered with.
     */
    public DataKey create(String candidateId) {
        DataKey key = newKey();
        try {
            keys.insertOne(document(candidateId, key));
            return key;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return find(candidateId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** {@link #create} for many people with one write (tools that seed a pool); existing keys are returned as stored. */
    public Map<String, DataKey> createAll(List<String> candidateIds) {
        Map<String, DataKey> created = new HashMap<>();
        candidateIds.forEach(id -> created.put(id, newKey()));
        try {
            keys.insertMany(candidateIds.stream().map(id -> document(id, created.get(id))).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            List<String> existing = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing.add(candidateIds.get(error.getIndex()));
            }
            created.putAll(findAll(existing));
        }
        return created;
    }

    private DataKey newKey() {
        byte[] material = new byte[32];
        random.nextBytes(material);
        return new DataKey(1 + random.nextInt(Integer.MAX_VALUE - 1), material);
    }

    private Document document(String candidateId, DataKey key) {
        return new Document("_id", candidateId)
                .append("version", key.version())
                .append("wrapped", wrap.wraps())
                .append("key", new Binary(wrap.wrap(context(candidateId), key.material())))
                .append("createdAt", Date.from(Instant.now()));
    }

    /** The person's key, or empty once they are erased. */
    public Optional<DataKey> find(String candidateId) {
        return Optional.ofNullable(keys.find(new Document("_id", candidateId)).first()).map(this::toKey);
    }

    /** The keys of these people that exist, with one read; the erased ones are missing. */
    public Map<String, DataKey> findAll(Collection<String> candidateIds) {
        Map<String, DataKey> found = new HashMap<>();
        keys.find(new Document("_id", new Document("$in", List.copyOf(candidateIds))))
                .forEach(document -> found.put(document.getString("_id"), toKey(document)));
        return found;
    }

    private DataKey toKey(Document document) {
        byte[] stored = document.get("key", Binary.class).getData();
        boolean wrapped = Boolean.TRUE.equals(document.getBoolean("wrapped"));
        return new DataKey(document.getInteger("version"),
                wrap.unwrap(context(document.getString("_id")), stored, wrapped));
    }

    /** Erases the person's key: everything sealed with it is unreadable from now on. Safe to repeat. */
    public void delete(String candidateId) {
        keys.deleteOne(new Document("_id", candidateId));
    }

    private static String context(String candidateId) {
        return WRAP_CONTEXT + candidateId;
    }
}
