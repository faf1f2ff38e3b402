package de.nachruecker.support.personaldata;

import de.nachruecker.events.SealedValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens (and, for the owner service, seals) the personal fields of events with the person's key from the vault.
 * Keys read are kept in a bounded in-memory cache (least recently used leaves first); a consumer {@link #forget}s a
 * person's key when it processes their withdrawal or tombstone, so that it is not kept beyond the erasure.
 */
public final class PersonalData {

    private final PersonalDataKeys keys;
    private final PersonalDataCipher cipher;
    private final Map<String, DataKey> cache;

    public PersonalData(PersonalDataKeys keys, PersonalDataCipher cipher, int cacheSize) {
        this.keys = keys;
        this.cipher = cipher;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DataKey> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * Seals {@code value} with the person's key, read from the vault each time (never from the cache: the owner must
     * not seal with a key that an erasure has just deleted).
     *
     * @throws ErasedPersonException if the person has no key (erased)
     */
    public SealedValue seal(String candidateId, String eventType, Object value) {
        return sealing(candidateId).seal(eventType, value);
    }

    /**
     * Seals several values of one person (the events of one change) with one read of their key, from the vault as
     * {@link #seal} does.
     *
     * @throws ErasedPersonException if the person has no key (erased)
     */
    public Sealing sealing(String candidateId) {
        return sealing(candidateId, keys.find(candidateId).orElseThrow(() -> new ErasedPersonException(candidateId)));
    }

    /** Seals with {@code key}, which the caller has just created for the person ({@link PersonalDataKeys#create}). */
    public Sealing sealing(String candidateId, DataKey key) {
        return (eventType, value) -> cipher.seal(key, candidateId, eventType, value);
    }

    /** The personal fields of one person's events, sealed with one key. */
    @FunctionalInterface
    public interface Sealing {

        SealedValue seal(String eventType, Object value);
    }

    /**
     * @return the opened value, or empty if the key that sealed it is gone (the person is erased, or their key was
     * replaced): the record counts as gone
     * @throws PersonalDataCipher.SealedValueException if the value does not open with the person's key (malformed)
     */
    public <T> Optional<T> open(String candidateId, String eventType, SealedValue sealed, Class<T> type) {
        // a value sealed with a key of this person that was deleted (and replaced since) is as gone as the key
        return key(candidateId).filter(key -> key.version() == sealed.keyVersion())
                .map(key -> cipher.open(key, candidateId, eventType, sealed, type));
    }

    /**
     * Reads the keys of these people that are not cached with one round trip, so that a consumer's batch opens its
     * records without a read each.
     */
    public void prefetch(Collection<String> candidateIds) {
        List<String> missing;
        synchronized (cache) {
            missing = candidateIds.stream().distinct().filter(id -> !cache.containsKey(id)).toList();
        }
        if (missing.isEmpty()) {
            return;
        }
        // as in key(): read outside the lock, forgotten again when the consumer reaches a person's erasure
        Map<String, DataKey> found = keys.findAll(missing);
        synchronized (cache) {
            cache.putAll(found);
        }
    }

    /** Drops the person's key from the cache (their erasure was processed). */
    public void forget(String candidateId) {
        synchronized (cache) {
            cache.remove(candidateId);
        }
    }

    private Optional<DataKey> key(String candidateId) {
        synchronized (cache) {
            DataKey cached = cache.get(candidateId);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        // read outside the lock; each consumer forgets a person only after their earlier records (same partition,
        // in order), so whatever this puts back is forgotten again when that consumer reaches the erasure
        Optional<DataKey> key = keys.find(candidateId);
        key.ifPresent(found -> {
            synchronized (cache) {
                cache.put(candidateId, found);
            }
        });
        return key;
    }

    /** The person has no key any more: they were erased. */
    public static final class ErasedPersonException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ErasedPersonException(String candidateId) {
            super("no data key for candidate " + candidateId + " (erased)");
        }
    }
}
