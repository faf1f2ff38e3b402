package de.nachruecker.support.personaldata;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.types.Binary;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key vault's second collection ({@value #COLLECTION}): one random 256-bit key per message that carries a secret
 * (an offer's answer token, a verification code, an access code), {@code _id} = the event id of the notification
 * request, wrapped by the master key like the person keys. The producer creates it and seals the secret with it
 * before publishing; notification-service opens the secret just before sending and deletes the key once the delivery
 * is final, so that from then on every copy of the request (topic, dead letters, its own store, backups) is
 * unreadable. Keys never consumed are bounded by {@link #deleteCreatedBefore}; a person's erasure deletes theirs
 * ({@link #deleteOf}). Plain driver API, like {@link PersonalDataKeys}.
 */
public final class MessageKeys implements MessageKeyVault {

    public static final String COLLECTION = "message-keys";
    private static final String WRAP_CONTEXT = "message-key|";

    private final MongoCollection<Document> keys;
    private final SecureRandom random = new SecureRandom();
    private final KeyWrap wrap;

    /** @param masterKey 32 bytes, or {@code null} to store keys unwrapped (tests, tools without a master key) */
    public MessageKeys(MongoCollection<Document> keys, byte[] masterKey) {
        this.keys = keys;
        this.wrap = new KeyWrap(masterKey, random);
    }

    /**
     * Indexes for erasure and expiry, which select by candidate and age (on the embedded server only {@code _id} is
     * indexed; the collection stays small there: a key lives until its message is final, at most a day).
     */
    @Override
    public void createIndexes() {
        keys.createIndex(Indexes.ascending("candidateId"), new IndexOptions().name("by-candidate"));
        keys.createIndex(Indexes.ascending("createdAt"), new IndexOptions().name("by-age"));
    }

    /**
     * A new key for the message {@code messageId} to {@code candidateId}, stamped with the vault's own time (not a
     * business clock), which {@link #deleteCreatedBefore} compares.
     */
    @Override
    public DataKey create(String messageId, String candidateId) {
        DataKey key = newKey();
        keys.insertOne(document(messageId, candidateId, key, Instant.now()));
        return key;
    }

    /** One write ({@code insertMany}) for the keys of a batch of messages, e.g. the offers of a wave. */
    @Override
    public Map<String, DataKey> createAll(Map<String, String> candidateByMessageId) {
        Map<String, DataKey> created = new HashMap<>();
        if (candidateByMessageId.isEmpty()) {
            return created;
        }
        Instant now = Instant.now();
        List<Document> documents = new ArrayList<>();
        candidateByMessageId.forEach((messageId, candidateId) -> {
            DataKey key = newKey();
            created.put(messageId, key);
            documents.add(document(messageId, candidateId, key, now));
        });
        keys.insertMany(documents);
        return created;
    }

    private DataKey newKey() {
        byte[] material = new byte[32];
        random.nextBytes(material);
        return new DataKey(1 + random.nextInt(Integer.MAX_VALUE - 1), material);
    }

    private Document document(String messageId, String candidateId, DataKey key, Instant now) {
        return new Document("_id", messageId)
                .append("candidateId", candidateId)
                .append("version", key.version())
                .append("wrapped", wrap.wraps())
                .append("key", new Binary(wrap.wrap(WRAP_CONTEXT + messageId, key.material())))
                .append("createdAt", Date.from(now));
    }

    /** The message's key, or empty once it was used up, erased or expired. */
    @Override
    public Optional<DataKey> find(String messageId) {
        Document document = keys.find(new Document("_id", messageId)).first();
        return document == null ? Optional.empty() : Optional.of(keyOf(messageId, document));
    }

    /** One read ({@code _id $in}) for the keys of a batch of messages. */
    @Override
    public Map<String, DataKey> findAll(Collection<String> messageIds) {
        Map<String, DataKey> found = new HashMap<>();
        if (messageIds.isEmpty()) {
            return found;
        }
        for (Document document : keys.find(new Document("_id", new Document("$in", List.copyOf(messageIds))))) {
            String messageId = document.getString("_id");
            found.put(messageId, keyOf(messageId, document));
        }
        return found;
    }

    private DataKey keyOf(String messageId, Document document) {
        return new DataKey(document.getInteger("version"), wrap.unwrap(WRAP_CONTEXT + messageId,
                document.get("key", Binary.class).getData(), Boolean.TRUE.equals(document.getBoolean("wrapped"))));
    }

    /** The message's secret is unreadable from now on. Safe to repeat. */
    @Override
    public void delete(String messageId) {
        keys.deleteOne(new Document("_id", messageId));
    }

    /** One write ({@code deleteMany} on {@code _id $in}) for the keys of a batch of finished messages. */
    @Override
    public void deleteAll(Collection<String> messageIds) {
        if (!messageIds.isEmpty()) {
            keys.deleteMany(new Document("_id", new Document("$in", List.copyOf(messageIds))));
        }
    }

    /** A person's erasure: every secret still waiting for them is unreadable. @return how many keys went */
    @Override
    public long deleteOf(String candidateId) {
        return keys.deleteMany(new Document("candidateId", candidateId)).getDeletedCount();
    }

    /** The bound for keys whose message was never finished (lost, dead-lettered). @return how many keys went */
    @Override
    public long deleteCreatedBefore(Instant cutoff) {
        return keys.deleteMany(new Document("createdAt", new Document("$lt", Date.from(cutoff)))).getDeletedCount();
    }
}
