package de.nachruecker.support.testing;

import de.nachruecker.support.personaldata.DataKey;
import de.nachruecker.support.personaldata.MessageKeyVault;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The message keys in memory, for use-case tests without a database. */
public final class InMemoryMessageKeys implements MessageKeyVault {

    private record Stored(DataKey key, String candidateId, Instant createdAt) {
    }

    private final Map<String, Stored> keys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public DataKey create(String messageId, String candidateId) {
        writes.incrementAndGet();
        return put(messageId, candidateId);
    }

    /** One write, as the store's {@code insertMany}. */
    @Override
    public Map<String, DataKey> createAll(Map<String, String> candidateByMessageId) {
        if (!candidateByMessageId.isEmpty()) {
            writes.incrementAndGet();
        }
        Map<String, DataKey> created = new HashMap<>();
        candidateByMessageId.forEach((messageId, candidateId) -> created.put(messageId, put(messageId, candidateId)));
        return created;
    }

    private DataKey put(String messageId, String candidateId) {
        byte[] material = new byte[32];
        random.nextBytes(material);
        DataKey key = new DataKey(1 + random.nextInt(Integer.MAX_VALUE - 1), material);
        keys.put(messageId, new Stored(key, candidateId, Instant.now()));
        return key;
    }

    /** How many writes created keys ({@link #create} one each, {@link #createAll} one per batch). */
    public int creatingWrites() {
        return writes.get();
    }

    @Override
    public Optional<DataKey> find(String messageId) {
        return Optional.ofNullable(keys.get(messageId)).map(Stored::key);
    }

    @Override
    public void delete(String messageId) {
        keys.remove(messageId);
    }

    @Override
    public long deleteOf(String candidateId) {
        long before = keys.size();
        keys.values().removeIf(stored -> stored.candidateId().equals(candidateId));
        return before - keys.size();
    }

    @Override
    public long deleteCreatedBefore(Instant cutoff) {
        long before = keys.size();
        keys.values().removeIf(stored -> stored.createdAt().isBefore(cutoff));
        return before - keys.size();
    }
}
