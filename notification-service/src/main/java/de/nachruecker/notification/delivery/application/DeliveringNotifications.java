package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.NotificationChannel;
import de.nachruecker.events.notification.NotificationFailed;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.notification.delivery.model.QuietHours;
import de.nachruecker.notification.delivery.model.RetryPolicy;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.notification.message.model.InvalidParametersException;
import de.nachruecker.notification.message.model.MessageCatalogue;
import de.nachruecker.notification.message.model.RenderedMessage;
import de.nachruecker.notification.message.voice.VoiceCall;
import de.nachruecker.notification.message.voice.VoiceScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sends a claimed delivery (see {@link DueDeliveries}) on the best channel the contact has and stores the outcome
 * together with its status event. Thread-safe: the {@link DeliveryWorkers} call it in parallel.
 */
public class DeliveringNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeliveringNotifications.class);

    private final Deliveries deliveries;
    private final Contacts contacts;
    private final MessageSender sender;
    private final MessageCatalogue catalogue;
    private final VoiceScripts voiceScripts;
    private final QuietHours quietHours;
    private final RetryPolicy retryPolicy;
    private final DeliveryMetrics metrics;
    private final SecretParameters secrets;
    private final Clock clock;

    public DeliveringNotifications(Deliveries deliveries, Contacts contacts, MessageSender sender,
                                   MessageCatalogue catalogue, VoiceScripts voiceScripts, QuietHours quietHours,
                                   RetryPolicy retryPolicy, DeliveryMetrics metrics, SecretParameters secrets,
                                   Clock clock) {
        this.deliveries = deliveries;
        this.contacts = contacts;
        this.sender = sender;
        this.catalogue = catalogue;
        this.voiceScripts = voiceScripts;
        this.quietHours = quietHours;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Sends a claimed delivery, or schedules its retry, and stores the outcome under the claim's lease. */
    public void deliver(Deliveries.Claimed claimed) {
        try {
            send(claimed);
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is picked up again
            log.error("delivery {} interrupted, will be retried after its lease", claimed.delivery().notificationId(),
                    e);
        }
    }

    private void send(Deliveries.Claimed claimed) {
        Delivery delivery = claimed.delivery();
        Instant now = clock.instant();
        Optional<Contact> found = contacts.find(delivery.candidateId());
        if (found.isPresent() && found.get().erased()) {
            fail(claimed, delivery.failed(Delivery.CONTACT_ERASED, now));
            return;
        }
        if (found.isEmpty()) {
            Optional<Instant> nextCheck = retryPolicy.nextContactCheck(delivery.acceptedAt(), now);
            if (nextCheck.isPresent()) {
                deliveries.complete(claimed, delivery.waitingForContact(nextCheck.get()), null);
            } else {
                fail(claimed, delivery.failed(Delivery.NO_CONTACT, now));
            }
            return;
        }
        Contact contact = found.get();
        Set<Channel> reachable = reachable(contact);
        Optional<Channel> channel = delivery.nextChannel(reachable);
        if (channel.isEmpty()) {
            fail(claimed, delivery.failed(delivery.lastFailure() == null ? "no-channel" : delivery.lastFailure(),
                    now));
            return;
        }
        if (channel.get() == Channel.VOICE) {
            Optional<Instant> quietUntil = quietHours.holdCallUntil(delivery.template(), delivery.parameters(), now);
            if (quietUntil.isPresent()) {
                if (deliveries.complete(claimed, delivery.heldUntil(quietUntil.get()), null)) {
                    metrics.heldForQuietHours(delivery);
                    log.info("notification {} is a call in quiet hours, held until {}", delivery.notificationId(),
                            quietUntil.get());
                }
                return;
            }
        }
        // the secrets are opened here, for this attempt only, and never stored in clear
        Optional<Map<String, String>> parameters;
        try {
            parameters = parameters(delivery);
        } catch (IllegalArgumentException e) {
            log.warn("notification {} cannot be rendered: {}", delivery.notificationId(), e.getMessage());
            fail(claimed, delivery.failed(Delivery.INVALID_PARAMETERS, now));
            return;
        }
        if (parameters.isEmpty()) {
            log.warn("notification {} cannot be sent: the key of its secret parameters is gone (erased or expired)",
                    delivery.notificationId());
            fail(claimed, delivery.failed(Delivery.SECRETS_GONE, now));
            return;
        }
        SendResult result;
        try {
            RenderedMessage message = catalogue.render(delivery.template(), parameters.get(),
                    contact.prefersEnglish(), contact.name());
            if (channel.get() == Channel.VOICE) {
                VoiceCall call = voiceScripts.render(delivery.template(), parameters.get(),
                        contact.prefersEnglish(), contact.name(), message);
                result = sender.call(contact, call);
            } else {
                result = sender.send(channel.get(), contact, message);
            }
        } catch (InvalidParametersException e) {
            log.warn("notification {} cannot be rendered: {}", delivery.notificationId(), e.getMessage());
            fail(claimed, delivery.failed(Delivery.INVALID_PARAMETERS, now));
            return;
        }
        Instant after = clock.instant();
        if (result.isSent()) {
            Delivery sent = delivery.sent(channel.get(), after);
            if (deliveries.complete(claimed, sent, statusEvent(sent, after))) {
                discardSecrets(claimed);
                metrics.sent(sent);
                log.info("notification {} sent by {} after {} attempt(s)", sent.notificationId(), sent.channel(),
                        sent.attempts());
            }
            return;
        }
        Delivery next = delivery.afterFailure(channel.get(), result, reachable, retryPolicy, after);
        log.warn("notification {} not sent by {}: {}", delivery.notificationId(), channel.get(), result.detail());
        if (next.state() == DeliveryState.FAILED) {
            fail(claimed, next);
        } else if (deliveries.complete(claimed, next, null)) {
            metrics.retried(channel.get(), delivery);
            log.info("notification {} will be tried again by {} at {}", next.notificationId(),
                    next.nextChannel(reachable).orElseThrow(), next.nextAttemptAt());
        }
    }

    private void fail(Deliveries.Claimed claimed, Delivery failed) {
        if (deliveries.complete(claimed, failed, statusEvent(failed, failed.finishedAt()))) {
            discardSecrets(claimed);
            metrics.failed(failed);
            log.warn("notification {} failed: {}", failed.notificationId(), failed.lastFailure());
        }
    }

    /** The parameters with the secrets opened; empty if the secrets' key is gone. */
    private Optional<Map<String, String>> parameters(Delivery delivery) {
        if (delivery.secrets() == null) {
            return Optional.of(delivery.parameters());
        }
        return secrets.open(delivery.secrets()).map(opened -> {
            Map<String, String> all = new HashMap<>(delivery.parameters());
            all.putAll(opened);
            return all;
        });
    }

    /**
     * The delivery is final (its outcome stored): its message key goes, so no copy of its secrets opens any more. A
     * failure here leaves the key to the vault's expiry (VaultSecretParameters), it does not undo the outcome.
     */
    private void discardSecrets(Deliveries.Claimed claimed) {
        if (claimed.delivery().secrets() == null) {
            return;
        }
        try {
            secrets.discard(claimed.delivery().secrets().keyId());
        } catch (RuntimeException e) {
            log.warn("the message key of notification {} was not deleted (it expires): {}",
                    claimed.delivery().notificationId(), e.toString());
        }
    }

    private static Set<Channel> reachable(Contact contact) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (contact.takesSms()) {
            channels.add(Channel.SMS);
        }
        if (contact.takesCalls()) {
            channels.add(Channel.VOICE);
        }
        if (contact.hasEmail()) {
            channels.add(Channel.EMAIL);
        }
        return channels;
    }

    private static NotificationStatusEvent statusEvent(Delivery d, Instant at) {
        NotificationChannel channel = d.channel() == null ? null : NotificationChannel.valueOf(d.channel().name());
        if (d.state() == DeliveryState.SENT) {
            return new NotificationSent(UUID.randomUUID(), at, d.notificationId(), d.candidateId(), d.template(),
                    channel, d.attempts());
        }
        return new NotificationFailed(UUID.randomUUID(), at, d.notificationId(), d.candidateId(), d.template(),
                channel, d.attempts(), d.lastFailure());
    }
}
