package de.nachruecker.support.personaldata;

import de.nachruecker.events.SealedValue;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
        Draft draft = new Draft(now, notificationId, candidateId, template, parameters, secrets);
        UUID eventId = UUID.randomUUID();
        DataKey key = secrets.isEmpty() ? null : keys.create(eventId.toString(), candidateId);
        return build(eventId, draft, key);
    }

    /** What {@link #request} takes, for {@link #requestAll}. */
    public record Draft(Instant now, String notificationId, String candidateId, MessageTemplate template,
                        Map<String, String> parameters, Map<String, String> secrets) {
    }

    /**
     * Requests as {@link #request} builds each, in the order of {@code drafts}, their message keys created together
     * (one write in a store, e.g. for a wave of offers) before any request is returned.
     */
    public List<NotificationRequested> requestAll(List<Draft> drafts) {
        List<UUID> eventIds = new ArrayList<>();
        Map<String, String> candidateByMessageId = new LinkedHashMap<>();
        for (Draft draft : drafts) {
            UUID eventId = UUID.randomUUID();
            eventIds.add(eventId);
            if (!draft.secrets().isEmpty()) {
                candidateByMessageId.put(eventId.toString(), draft.candidateId());
            }
        }
        Map<String, DataKey> created = keys.createAll(candidateByMessageId);
        List<NotificationRequested> requests = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            requests.add(build(eventIds.get(i), drafts.get(i), created.get(eventIds.get(i).toString())));
        }
        return requests;
    }

    /** @param key the message's key, or {@code null} when it has no secrets */
    private NotificationRequested build(UUID eventId, Draft draft, DataKey key) {
        SealedValue sealed = key == null ? null : cipher.seal(key, eventId.toString(), NotificationRequested.TYPE,
                Map.copyOf(draft.secrets()));
        return new NotificationRequested(eventId, draft.now(), draft.notificationId(), draft.candidateId(),
                draft.template(), draft.parameters(), sealed);
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
