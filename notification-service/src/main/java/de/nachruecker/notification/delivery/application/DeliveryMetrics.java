package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** {@code notifications.sent/failed/retries} by channel and template, and the time from request to sent. */
@Component
public class DeliveryMetrics {

    private final MeterRegistry meters;

    public DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void sent(Delivery delivery) {
        counter("notifications.sent", "Notifications handed to the SMS gateway or mail server", delivery.channel(),
                delivery).increment();
        Duration latency = Duration.between(delivery.requestedAt(), delivery.finishedAt());
        Timer.builder("notifications.delivery.latency")
                .description("From the notification request to the message handed over")
                .tag("channel", delivery.channel().name())
                .tag("template", delivery.template().name())
                .register(meters)
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void failed(Delivery delivery) {
        counter("notifications.failed", "Notifications given up for good", delivery.channel(), delivery).increment();
    }

    void retried(Channel channel, Delivery delivery) {
        counter("notifications.retries", "Failed send attempts that will be tried again", channel, delivery)
                .increment();
    }

    private Counter counter(String name, String description, Channel channel, Delivery delivery) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel == null ? "none" : channel.name())
                .tag("template", delivery.template().name())
                .register(meters);
    }
}
