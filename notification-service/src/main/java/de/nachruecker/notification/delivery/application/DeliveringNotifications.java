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
import de.nachruecker.notification.delivery.model.SealedSecrets;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.notification.message.model.InvalidParametersException;
import de.nachruecker.notification.message.model.MessageCatalogue;
import de.nachruecker.notification.message.model.RenderedMessage;
import de.nachruecker.notification.message.voice.VoiceCall;
import de.nachruecker.notification.message.voice.VoiceScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends claimed deliveries (see {@link DueDeliveries}) on the best channel each contact has and stores the outcomes
 * together with their status events, a batch at a time. Thread-safe: the {@link DeliveryWorkers} hand it batches
 * while earlier ones are still sending.
 */
public class DeliveringNotifications {

    private static final Logger log = LoggerFactory.getLogger(DeliveringNotifications.class);
    static final long FIRST_REWRITE_WAIT_MILLIS = 100;
    static final long LONGEST_REWRITE_WAIT_MILLIS = 2_000;

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
    private final UnstoredOutcomes unstored;
    private final Duration longestRewriteWait;

    /**
     * @param unstored the outcomes waiting to be written again (shared with {@link DueDeliveries}, which does not
     *                 claim them meanwhile)
     * @param lease    how long a claim lasts: an outcome the store did not take is written again at intervals
     *                 growing from {@value #FIRST_REWRITE_WAIT_MILLIS} ms to an eighth of it (at most
     *                 {@value #LONGEST_REWRITE_WAIT_MILLIS} ms), so it lands well within the lease once the store
     *                 answers again
     */
    public DeliveringNotifications(Deliveries deliveries, Contacts contacts, MessageSender sender,
                                   MessageCatalogue catalogue, VoiceScripts voiceScripts, QuietHours quietHours,
                                   RetryPolicy retryPolicy, DeliveryMetrics metrics, SecretParameters secrets,
                                   Clock clock, UnstoredOutcomes unstored, Duration lease) {
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
        this.unstored = unstored;
        this.longestRewriteWait = Duration.ofMillis(Math.max(FIRST_REWRITE_WAIT_MILLIS,
                Math.min(LONGEST_REWRITE_WAIT_MILLIS, lease.toMillis() / 8)));
        metrics.watchUnstored(unstored);
    }

    /**
     * Sends a batch of claimed deliveries on {@code sending} and stores their outcomes under their leases: the
     * contacts of the batch and the keys of its secrets are read once each, the sends run in parallel (one task per
     * candidate, so two messages to one person go out in the order of the batch), and the outcomes are stored a part
     * at a time: once the tasks of {@code recordEvery} candidates have ended, their outcomes and status events are
     * one bulk write and the keys of their deliveries now final one delete. A batch larger than the workers can send
     * at once thus keeps a sent message unrecorded no longer than a batch of {@code recordEvery} would (a kill of the
     * instance meanwhile sends it again after the lease), while its claim and reads are made once. A delivery whose
     * attempt broke off is retried after its lease. Outcomes the store did not take are kept and written again (see
     * {@link #record}), never sent again by this instance.
     *
     * @return completes once the outcomes are stored (or their leases were found taken, or the workers stop);
     * never exceptionally
     */
    public CompletableFuture<Void> deliverAll(List<Deliveries.Claimed> batch, Executor sending, int recordEvery) {
        if (recordEvery < 1) {
            throw new IllegalArgumentException("outcomes are recorded for at least one candidate at a time, not "
                    + recordEvery);
        }
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, Contact> known;
        SecretParameters.Opener opener;
        try {
            known = contacts.findAll(batch.stream().map(c -> c.delivery().candidateId()).distinct().toList());
            opener = secrets.openAll(batch.stream().map(c -> c.delivery().secrets()).filter(Objects::nonNull)
                    .toList());
        } catch (RuntimeException e) {
            log.error("{} deliveries not sent, the store could not be read: retried after their lease",
                    batch.size(), e);
            return CompletableFuture.completedFuture(null);
        }
        Map<String, List<Deliveries.Claimed>> byCandidate = new LinkedHashMap<>();
        batch.forEach(c -> byCandidate.computeIfAbsent(c.delivery().candidateId(), id -> new ArrayList<>()).add(c));
        List<List<Deliveries.Claimed>> candidates = List.copyOf(byCandidate.values());
        List<CompletableFuture<Void>> recorded = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += recordEvery) {
            List<List<Deliveries.Claimed>> part = candidates.subList(from,
                    Math.min(candidates.size(), from + recordEvery));
            recorded.add(sendAndRecord(part, known, opener, sending));
        }
        return CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new));
    }

    /** Sends one part of a batch (a task per candidate) and stores its outcomes once all of its tasks have ended. */
    private CompletableFuture<Void> sendAndRecord(List<List<Deliveries.Claimed>> part, Map<String, Contact> known,
                                                  SecretParameters.Opener opener, Executor sending) {
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (List<Deliveries.Claimed> ofOneCandidate : part) {
            Contact contact = known.get(ofOneCandidate.get(0).delivery().candidateId());
            try {
                sends.add(CompletableFuture.runAsync(() -> ofOneCandidate.forEach(
                        claimed -> attempt(claimed, contact, opener).ifPresent(outcomes::add)), sending));
            } catch (RejectedExecutionException e) {
                log.warn("{} deliveries not sent, the workers are stopping: retried after their lease",
                        ofOneCandidate.size());
            }
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .handle((done, failure) -> List.copyOf(outcomes))
                .thenCompose(attempted -> record(attempted, sending));
    }

    /** One attempt at one delivery: its next state, or empty if the attempt broke off (the lease runs out). */
    private Optional<Outcome> attempt(Deliveries.Claimed claimed, Contact contact, SecretParameters.Opener opener) {
        try {
            return Optional.of(decide(claimed, contact, opener));
        } catch (RuntimeException e) {
            log.error("delivery {} interrupted, will be retried after its lease", claimed.delivery().notificationId(),
                    e);
            return Optional.empty();
        }
    }

    private Outcome decide(Deliveries.Claimed claimed, Contact contact, SecretParameters.Opener opener) {
        Delivery delivery = claimed.delivery();
        Instant now = clock.instant();
        if (contact != null && contact.erased()) {
            return fail(claimed, delivery.failed(Delivery.CONTACT_ERASED, now));
        }
        if (contact == null) {
            Optional<Instant> nextCheck = retryPolicy.nextContactCheck(delivery.acceptedAt(), now);
            if (nextCheck.isPresent()) {
                return new Outcome(claimed, delivery.waitingForContact(nextCheck.get()), null, () -> { });
            }
            return fail(claimed, delivery.failed(Delivery.NO_CONTACT, now));
        }
        Set<Channel> reachable = reachable(contact);
        Optional<Channel> channel = delivery.nextChannel(reachable);
        if (channel.isEmpty()) {
            return fail(claimed, delivery.failed(delivery.lastFailure() == null ? "no-channel" : delivery.lastFailure(),
                    now));
        }
        if (channel.get() == Channel.VOICE) {
            Optional<Instant> quietUntil = quietHours.holdCallUntil(delivery.template(), delivery.parameters(), now);
            if (quietUntil.isPresent()) {
                return new Outcome(claimed, delivery.heldUntil(quietUntil.get()), null, () -> {
                    metrics.heldForQuietHours(delivery);
                    log.info("notification {} is a call in quiet hours, held until {}", delivery.notificationId(),
                            quietUntil.get());
                });
            }
        }
        // the secrets are opened here, for this attempt only, and never stored in clear
        Optional<Map<String, String>> parameters;
        try {
            parameters = parameters(delivery, opener);
        } catch (IllegalArgumentException e) {
            log.warn("notification {} cannot be rendered: {}", delivery.notificationId(), e.getMessage());
            return fail(claimed, delivery.failed(Delivery.INVALID_PARAMETERS, now));
        }
        if (parameters.isEmpty()) {
            log.warn("notification {} cannot be sent: the key of its secret parameters is gone (erased or expired)",
                    delivery.notificationId());
            return fail(claimed, delivery.failed(Delivery.SECRETS_GONE, now));
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
            return fail(claimed, delivery.failed(Delivery.INVALID_PARAMETERS, now));
        }
        Instant after = clock.instant();
        if (result.isSent()) {
            Delivery sent = delivery.sent(channel.get(), after);
            // logged with the rest of its part once stored (stored)
            return new Outcome(claimed, sent, statusEvent(sent, after), () -> metrics.sent(sent));
        }
        Delivery next = delivery.afterFailure(channel.get(), result, reachable, retryPolicy, after);
        log.warn("notification {} not sent by {}: {}", delivery.notificationId(), channel.get(), result.detail());
        if (next.state() == DeliveryState.FAILED) {
            return fail(claimed, next);
        }
        return new Outcome(claimed, next, null, () -> {
            metrics.retried(channel.get(), delivery);
            log.info("notification {} will be tried again by {} at {}", next.notificationId(),
                    next.nextChannel(reachable).orElseThrow(), next.nextAttemptAt());
        });
    }

    private Outcome fail(Deliveries.Claimed claimed, Delivery failed) {
        return new Outcome(claimed, failed, statusEvent(failed, failed.finishedAt()), () -> {
            metrics.failed(failed);
            log.warn("notification {} failed: {}", failed.notificationId(), failed.lastFailure());
        });
    }

    /**
     * Stores the outcomes of a batch with one write, then ends the secrets of those now final with one delete. A
     * failure of the delete leaves the keys to the vault's expiry (VaultSecretParameters), it does not undo the
     * outcomes. If the store does not take the write (it is down, or refuses it), the outcomes wait here and the write
     * is made again, the whole batch still one write, until it lands: their messages may be with the carrier, and a
     * dropped outcome would have them sent again once the lease runs out. The deliveries stay this instance's
     * meanwhile ({@link UnstoredOutcomes}); the write is conditional on the claim's token, not on the lease's
     * end, so it lands even after the lease has run out unless another instance has claimed the delivery since (the
     * write then finds the lease taken and that outcome is dropped, not written again).
     */
    private CompletableFuture<Void> record(List<Outcome> outcomes, Executor rewriting) {
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        if (outcomes.isEmpty()) {
            recorded.complete(null);
        } else {
            write(outcomes, 1, rewriting, recorded);
        }
        return recorded;
    }

    private void write(List<Outcome> outcomes, int attempt, Executor rewriting, CompletableFuture<Void> recorded) {
        List<String> ids = outcomes.stream().map(outcome -> outcome.completion().next().notificationId()).toList();
        Set<String> held;
        try {
            held = deliveries.completeAll(outcomes.stream().map(Outcome::completion).toList());
        } catch (RuntimeException e) {
            if (attempt == 1) {
                unstored.addAll(ids);
                log.error("the outcomes of {} deliveries were not stored: kept and written again, not sent again",
                        outcomes.size(), e);
            } else if (Integer.bitCount(attempt) == 1) {
                // at the 2nd, 4th, 8th ... write: the gauge shows the wait, the log need not repeat it every second
                log.warn("the outcomes of {} deliveries are still not stored after {} writes: {}", outcomes.size(),
                        attempt, e.toString());
            }
            rewriteLater(outcomes, attempt, rewriting, recorded);
            return;
        }
        try {
            if (attempt > 1) {
                log.info("the outcomes of {} deliveries were stored at write {} ({} no longer held: claimed by "
                        + "another instance)", outcomes.size(), attempt, outcomes.size() - held.size());
            }
            stored(outcomes, held);
        } finally {
            unstored.removeAll(ids);
            recorded.complete(null);
        }
    }

    private void rewriteLater(List<Outcome> outcomes, int attempt, Executor rewriting,
                              CompletableFuture<Void> recorded) {
        long wait = Math.min(longestRewriteWait.toMillis(), FIRST_REWRITE_WAIT_MILLIS << Math.min(attempt - 1, 20));
        Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS, task -> {
            try {
                rewriting.execute(task);
            } catch (RejectedExecutionException stopping) {
                // the process stops: these may be sent again by any instance after their lease (at least once)
                log.error("the outcomes of {} deliveries were not stored before the workers stopped: they are sent "
                        + "again after their lease", outcomes.size());
                unstored.removeAll(outcomes.stream().map(o -> o.completion().next().notificationId()).toList());
                recorded.complete(null);
            }
        });
        later.execute(() -> write(outcomes, attempt + 1, rewriting, recorded));
    }

    /** Ends the keys of the outcomes stored now final, then counts and logs what was stored. */
    private void stored(List<Outcome> outcomes, Set<String> held) {
        List<Outcome> stored = outcomes.stream()
                .filter(outcome -> held.contains(outcome.completion().next().notificationId())).toList();
        List<String> finishedKeys = stored.stream()
                .filter(outcome -> outcome.completion().next().state().isFinal())
                .map(outcome -> outcome.completion().claimed().delivery().secrets())
                .filter(Objects::nonNull).map(SealedSecrets::keyId).toList();
        if (!finishedKeys.isEmpty()) {
            try {
                secrets.discardAll(finishedKeys);
            } catch (RuntimeException e) {
                log.warn("the message keys of {} finished notification(s) were not deleted (they expire): {}",
                        finishedKeys.size(), e.toString());
            }
        }
        stored.forEach(outcome -> outcome.whenStored().run());
        logSent(stored);
    }

    /**
     * One line for the messages of a part that were sent: a line per message was about a tenth of this service's CPU
     * per message under load (issue 17), most of it spent formatting each line's JSON. Failures, retries and held
     * calls keep a line each.
     */
    private static void logSent(List<Outcome> stored) {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder sent = new StringBuilder();
        int count = 0;
        for (Outcome outcome : stored) {
            Delivery delivery = outcome.completion().next();
            if (delivery.state() == DeliveryState.SENT) {
                sent.append(count++ == 0 ? "" : ", ").append(delivery.notificationId()).append(' ')
                        .append(delivery.channel()).append('/').append(delivery.attempts());
            }
        }
        if (count > 0) {
            log.info("{} notification(s) sent (id channel/attempts): {}", count, sent);
        }
    }

    /** The parameters with the secrets opened; empty if the secrets' key is gone. */
    private static Optional<Map<String, String>> parameters(Delivery delivery, SecretParameters.Opener opener) {
        if (delivery.secrets() == null) {
            return Optional.of(delivery.parameters());
        }
        return opener.open(delivery.secrets()).map(opened -> {
            Map<String, String> all = new HashMap<>(delivery.parameters());
            all.putAll(opened);
            return all;
        });
    }

    /** The next state of a delivery, and what to count and log once it is stored. */
    private record Outcome(Deliveries.Completion completion, Runnable whenStored) {

        Outcome(Deliveries.Claimed claimed, Delivery next, NotificationStatusEvent statusEvent, Runnable whenStored) {
            this(new Deliveries.Completion(claimed, next, statusEvent), whenStored);
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
