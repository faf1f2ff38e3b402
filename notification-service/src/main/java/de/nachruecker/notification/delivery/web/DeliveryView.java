package de.nachruecker.notification.delivery.web;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;

import java.time.Instant;

/** A delivery's progress, without the message or its parameters. */
public record DeliveryView(String notificationId, String candidateId, MessageTemplate template, DeliveryState status,
                           Channel channel, int attempts, Instant requestedAt, Instant nextAttemptAt,
                           Instant finishedAt, String failureReason) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.notificationId(), d.candidateId(), d.template(), d.state(), d.channel(),
                d.attempts(), d.requestedAt(), d.state().isFinal() ? null : d.nextAttemptAt(), d.finishedAt(),
                d.lastFailure());
    }
}
