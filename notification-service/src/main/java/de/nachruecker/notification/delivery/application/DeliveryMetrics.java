package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code notifications.sent/failed/retries} by channel and template, and the time from request to sent. Every series
 * exists from start-up at zero: Prometheus' {@code increase()} needs a sample before the first event to count it.
 */
@Component
public class DeliveryMetrics {

    static final String SENT = "notifications.sent";
    static final String FAILED = "notifications.failed";
    static final String RETRIES = "notifications.retries";
    static final String LATENCY = "notifications.delivery.latency";
    static final String HELD = "notifications.calls.held";
    static final String UNSTORED = "notifications.outcomes.unstored";
    /** The channel tag of a notification that failed before any channel was tried (no contact, erased, ...). */
    static final String NO_CHANNEL = "none";

    private final MeterRegistry meters;

    public DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (MessageTemplate template : MessageTemplate.values()) {
            for (Channel channel : Channel.values()) {
                sentCounter(channel.name(), template);
                latencyTimer(channel.name(), template);
                retriesCounter(channel.name(), template);
            }
            heldCounter(template);
            for (String channel : failedChannelTags()) {
                failedCounter(channel, template);
            }
        }
    }

    void sent(Delivery delivery) {
        sentCounter(tag(delivery.channel()), delivery.template()).increment();
        Duration latency = Duration.between(delivery.requestedAt(), delivery.finishedAt());
        latencyTimer(tag(delivery.channel()), delivery.template())
                .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    void failed(Delivery delivery) {
        failedCounter(tag(delivery.channel()), delivery.template()).increment();
    }

    void retried(Channel channel, Delivery delivery) {
        retriesCounter(tag(channel), delivery.template()).increment();
    }

    /** Watches the outcomes known here that wait for the store (a gauge; above zero only while it fails). */
    void watchUnstored(UnstoredOutcomes unstored) {
        Gauge.builder(UNSTORED, unstored, UnstoredOutcomes::size)
                .description("Outcomes of sent (or failed) deliveries the store has not taken yet: written again")
                .strongReference(true)
                .register(meters);
    }

    void heldForQuietHours(Delivery delivery) {
        heldCounter(delivery.template()).increment();
    }

    private Counter heldCounter(MessageTemplate template) {
        return Counter.builder(HELD)
                .description("Calls held back until the end of the quiet hours")
                .tag("template", template.name())
                .register(meters);
    }

    private Counter sentCounter(String channel, MessageTemplate template) {
        return counter(SENT, "Notifications handed to the SMS or voice gateway or the mail server", channel, template);
    }

    private Counter failedCounter(String channel, MessageTemplate template) {
        return counter(FAILED, "Notifications given up for good", channel, template);
    }

    private Counter retriesCounter(String channel, MessageTemplate template) {
        return counter(RETRIES, "Failed send attempts that will be tried again", channel, template);
    }

    private Timer latencyTimer(String channel, MessageTemplate template) {
        return Timer.builder(LATENCY)
                .description("From the notification request to the message handed over")
                .tag("channel", channel)
                .tag("template", template.name())
                .register(meters);
    }

    private Counter counter(String name, String description, String channel, MessageTemplate template) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel)
                .tag("template", template.name())
                .register(meters);
    }

    private static List<String> failedChannelTags() {
        List<String> tags = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            tags.add(channel.name());
        }
        tags.add(NO_CHANNEL);
        return tags;
    }

    private static String tag(Channel channel) {
        return channel == null ? NO_CHANNEL : channel.name();
    }
}
