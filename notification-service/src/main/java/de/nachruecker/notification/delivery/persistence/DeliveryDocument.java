package de.nachruecker.notification.delivery.persistence;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.notification.delivery.model.SealedSecrets;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A delivery as stored, with its lease and the status event waiting in its outbox. {@code priority} is the
 * {@link de.nachruecker.notification.delivery.model.DeliveryPriority} rank of the template, stored so that the claim
 * can sort by it. {@code secrets} stay sealed here (the message's key opens them at sending) and go with the outcome.
 */
@Document(DeliveryDocument.COLLECTION)
record DeliveryDocument(
        @Id String notificationId, String candidateId, MessageTemplate template, int priority,
        Map<String, String> parameters, Instant requestedAt, Instant acceptedAt, DeliveryState state, Channel channel,
        int attempts, int channelAttempts, Set<Channel> abandonedChannels, Instant nextAttemptAt, String lastFailure,
        Instant finishedAt, String leaseToken, Instant leaseUntil, List<PendingEvent> outbox, SealedSecrets secrets) {

    static final String COLLECTION = "deliveries";
}
