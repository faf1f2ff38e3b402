package de.nachruecker.support.personaldata;

import de.nachruecker.events.SealedValue;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The secrets of a notification request (an offer's answer token, a verification code, an access code), sealed with
 * a key of their own per message ({@link MessageKeys}), so that they are readable only while the message may still be
 * sent. Producers build their requests here ({@link #request}); notification-service {@link #open}s them just before
 * sending and {@link #discard}s the key once the delivery is final. The sealed value opens only in the request it was
 * made for (associated data: the request's event id and type).
 */
public final class MessageSecrets {

    private final MessageKeyVault keys;
    private final PersonalDataCipher cipher;

    public MessageSecrets(MessageKeyVault keys, PersonalDataCipher cipher) {
        this.keys = keys;
        this.cipher = cipher;
    }

    /**
     * A notification request whose {@code secrets} are sealed with a new message key (created in the vault before
     * the request can be published), beside the {@code parameters} in clear.
     *
     * @param secrets template parameters that let their reader act as the candidate; empty: nothing sealed, no key
     */
    public NotificationRequested request(Instant now, String notificationId, String candidateId,
                                         MessageTemplate template, Map<String, String> parameters,
                                         Map<String, String> secrets) {
        UUID eventId = UUID.randomUUID();
        if (secrets.isEmpty()) {
            return new NotificationRequested(eventId, now, notificationId, candidateId, template, parameters, null);
        }
        String messageId = eventId.toString();
        DataKey key = keys.create(messageId, candidateId);
        SealedValue sealed = cipher.seal(key, messageId, NotificationRequested.TYPE, Map.copyOf(secrets));
        return new NotificationRequested(eventId, now, notificationId, candidateId, template, parameters, sealed);
    }

    /**
     * @param messageId the event id of the request that carried {@code sealed}
     * @return the secret parameters, or empty if the message's key is gone (the message was finished, its person
     * erased, or the key expired)
     * @throws PersonalDataCipher.SealedValueException if the value does not open with the key (tampered, moved)
     */
    public Optional<Map<String, String>> open(String messageId, SealedValue sealed) {
        return open(messageId, sealed, keys.find(messageId));
    }

    /**
     * The secrets of several messages, their keys read at once: {@link Opener#open} then behaves as {@link #open}
     * did at the time of this call.
     */
    public Opener openAll(Collection<String> messageIds) {
        Map<String, DataKey> found = keys.findAll(messageIds);
        return (messageId, sealed) -> open(messageId, sealed, Optional.ofNullable(found.get(messageId)));
    }

    private Optional<Map<String, String>> open(String messageId, SealedValue sealed, Optional<DataKey> key) {
        return key.filter(found -> found.version() == sealed.keyVersion()).map(found -> {
            Map<?, ?> opened = cipher.open(found, messageId, NotificationRequested.TYPE, sealed, Map.class);
            Map<String, String> secrets = new HashMap<>();
            opened.forEach((name, value) -> secrets.put(String.valueOf(name), String.valueOf(value)));
            return Map.copyOf(secrets);
        });
    }

    /** Opens the secrets of the messages whose keys {@link #openAll} read. */
    @FunctionalInterface
    public interface Opener {

        /** As {@link MessageSecrets#open}, for a message named in {@link #openAll}. */
        Optional<Map<String, String>> open(String messageId, SealedValue sealed);
    }

    /** The message is final: its secret is unreadable everywhere from now on. Safe to repeat. */
    public void discard(String messageId) {
        keys.delete(messageId);
    }

    /** These messages are final: one write makes all their secrets unreadable. Safe to repeat. */
    public void discardAll(Collection<String> messageIds) {
        keys.deleteAll(messageIds);
    }

    /** A person's erasure: the secrets of messages still waiting for them become unreadable. */
    public long eraseOf(String candidateId) {
        return keys.deleteOf(candidateId);
    }

    /** Deletes the keys of messages requested before {@code cutoff} and never finished. */
    public long expireBefore(Instant cutoff) {
        return keys.deleteCreatedBefore(cutoff);
    }

    public MessageKeyVault keys() {
        return keys;
    }
}
