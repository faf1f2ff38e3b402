package de.nachruecker.support.personaldata;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the keys of messages live ({@link MessageKeys}: the key vault's collection {@code message-keys}); a port, so
 * that use cases can be tested without a database (service-support's test-jar has an in-memory one).
 */
public interface MessageKeyVault {

    /** A new key for the message {@code messageId} to {@code candidateId}. */
    DataKey create(String messageId, String candidateId);

    /**
     * New keys for several messages, as {@link #create} makes each (a store writes them with one insert).
     *
     * @param candidateByMessageId the messages and the candidate each one goes to
     * @return the keys by message id
     */
    default Map<String, DataKey> createAll(Map<String, String> candidateByMessageId) {
        Map<String, DataKey> created = new HashMap<>();
        candidateByMessageId.forEach((messageId, candidateId) -> created.put(messageId, create(messageId, candidateId)));
        return created;
    }

    /** The message's key, or empty once it was used up, erased or expired. */
    Optional<DataKey> find(String messageId);

    /** The keys of these messages that still exist, by message id (a store answers with one read). */
    default Map<String, DataKey> findAll(Collection<String> messageIds) {
        Map<String, DataKey> found = new HashMap<>();
        messageIds.forEach(id -> find(id).ifPresent(key -> found.put(id, key)));
        return found;
    }

    /** The message's secret is unreadable from now on. Safe to repeat. */
    void delete(String messageId);

    /** These messages' secrets are unreadable from now on (a store deletes them with one write). Safe to repeat. */
    default void deleteAll(Collection<String> messageIds) {
        messageIds.forEach(this::delete);
    }

    /** A person's erasure: every secret still waiting for them is unreadable. @return how many keys went */
    long deleteOf(String candidateId);

    /** The bound for keys whose message was never finished. @return how many keys went */
    long deleteCreatedBefore(Instant cutoff);

    /** Whatever the store needs to answer the deletes above quickly (indexes); nothing by default. */
    default void createIndexes() {
    }
}
