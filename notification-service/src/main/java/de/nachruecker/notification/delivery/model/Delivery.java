package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.message.model.MessageCatalogue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One notification on its way to a candidate. Immutable: every step returns the next state, which the caller stores
 * with a single-document write.
 *
 * @param requestedAt        when the request was made (for the delivery latency)
 * @param acceptedAt         when this service first saw the request (for how long a missing contact is waited for)
 * @param channel            the channel of the last attempt, {@code null} before the first
 * @param attempts           send attempts over all channels
 * @param channelAttempts    failed attempts on {@code channel} since it was chosen
 * @param abandonedChannels  channels that failed for good for this notification
 * @param lastFailure        cause of the last failed attempt, or of the final failure
 * @param secrets            the request's secret parameters, still sealed with the message's own key, opened only to
 *                           render the message; {@code null} when there are none and once the delivery is final
 */
public record Delivery(
        String notificationId, String candidateId, MessageTemplate template, Map<String, String> parameters,
        Instant requestedAt, Instant acceptedAt, DeliveryState state, Channel channel, int attempts,
        int channelAttempts, Set<Channel> abandonedChannels, Instant nextAttemptAt, String lastFailure,
        Instant finishedAt, SealedSecrets secrets) {

    public static final String NO_CONTACT = "no-contact";
    public static final String CONTACT_ERASED = "contact-erased";
    public static final String INVALID_PARAMETERS = "invalid-parameters";
    /** The message's key is gone (its person was erased, or it expired): the secret cannot be sent any more. */
    public static final String SECRETS_GONE = "secrets-gone";

    /**
     * The message's secret parameters ({@link MessageCatalogue#SECRET_PARAMETERS}). They arrive sealed
     * ({@link #secrets}) and are opened only to render the message; should one arrive in clear (a delivery stored by
     * an earlier version), a delivery in a final state has none (whichever step made it final), and the store writes
     * the parameters without them in the same write that records the outcome.
     */
    public static final Set<String> SECRET_PARAMETERS = MessageCatalogue.SECRET_PARAMETERS;

    public Delivery {
        // a final delivery holds no secret, however it was built
        parameters = state.isFinal() ? withoutSecrets(parameters) : Map.copyOf(parameters);
        secrets = state.isFinal() ? null : secrets;
        abandonedChannels = abandonedChannels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(abandonedChannels));
    }

    public static Delivery requested(String notificationId, String candidateId, MessageTemplate template,
                                     Map<String, String> parameters, Instant requestedAt, Instant now) {
        return requested(notificationId, candidateId, template, parameters, null, requestedAt, now);
    }

    public static Delivery requested(String notificationId, String candidateId, MessageTemplate template,
                                     Map<String, String> parameters, SealedSecrets secrets, Instant requestedAt,
                                     Instant now) {
        return new Delivery(notificationId, candidateId, template, parameters, requestedAt, now,
                DeliveryState.PENDING, null, 0, 0, Set.of(), now, null, null, secrets);
    }

    /**
     * The channel to try next: the phone (SMS to a mobile, a call to a landline) while it has not failed for good, else
     * email, as far as
     * the {@link ChannelPolicy} allows for this template.
     *
     * @param reachable the channels the contact has
     */
    public Optional<Channel> nextChannel(Set<Channel> reachable) {
        Set<Channel> allowed = ChannelPolicy.allowed(template);
        for (Channel candidate : Channel.values()) {
            if (reachable.contains(candidate) && allowed.contains(candidate) && !abandonedChannels.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Delivery waitingForContact(Instant nextCheck) {
        return new Delivery(notificationId, candidateId, template, parameters, requestedAt, acceptedAt,
                DeliveryState.PENDING, channel, attempts, channelAttempts, abandonedChannels, nextCheck, lastFailure,
                null, secrets);
    }

    /**
     * Not sent yet on purpose (a call in quiet hours): due again at {@code until}, without counting an attempt.
     */
    public Delivery heldUntil(Instant until) {
        return new Delivery(notificationId, candidateId, template, parameters, requestedAt, acceptedAt,
                DeliveryState.PENDING, channel, attempts, channelAttempts, abandonedChannels, until, lastFailure,
                null, secrets);
    }

    public Delivery sent(Channel via, Instant now) {
        return new Delivery(notificationId, candidateId, template, parameters, requestedAt, acceptedAt,
                DeliveryState.SENT, via, attempts + 1, channelAttempts, abandonedChannels, null, null, now,
                secrets);
    }

    /** Gives up without a further attempt, e.g. because the contact is unknown or erased. */
    public Delivery failed(String reason, Instant now) {
        return new Delivery(notificationId, candidateId, template, parameters, requestedAt, acceptedAt,
                DeliveryState.FAILED, channel, attempts, channelAttempts, abandonedChannels, null, reason, now,
                secrets);
    }

    /**
     * After a failed attempt on {@code via}: retry the same channel after a backoff if the failure is transient and
     * attempts are left, else abandon the channel and fall back to the next reachable one, else fail.
     */
    public Delivery afterFailure(Channel via, SendResult result, Set<Channel> reachable, RetryPolicy policy,
                                 Instant now) {
        int failedOnChannel = (via == channel ? channelAttempts : 0) + 1;
        if (result.isTransient() && !policy.exhausted(failedOnChannel)) {
            return new Delivery(notificationId, candidateId, template, parameters, requestedAt, acceptedAt,
                    DeliveryState.PENDING, via, attempts + 1, failedOnChannel, abandonedChannels,
                    policy.nextAttemptAfter(failedOnChannel, now), result.detail(), null, secrets);
        }
        String reason = result.isTransient() ? "retries-exhausted:" + result.detail() : result.detail();
        Set<Channel> abandoned = EnumSet.of(via);
        abandoned.addAll(abandonedChannels);
        Delivery withoutChannel = new Delivery(notificationId, candidateId, template, parameters, requestedAt,
                acceptedAt, DeliveryState.PENDING, via, attempts + 1, 0, abandoned, now, reason, null, secrets);
        return withoutChannel.nextChannel(reachable).isPresent() ? withoutChannel : withoutChannel.failed(reason, now);
    }

    private static Map<String, String> withoutSecrets(Map<String, String> parameters) {
        Map<String, String> kept = new HashMap<>(parameters);
        kept.keySet().removeAll(SECRET_PARAMETERS);
        return Map.copyOf(kept);
    }
}
