package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryMetricsTest {

    private static final Instant REQUESTED = Instant.parse("2021-05-03T10:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);

    @Test
    void everyChannelAndTemplateIsCountedFromZeroBeforeTheFirstNotification() {
        for (MessageTemplate template : MessageTemplate.values()) {
            for (Channel channel : Channel.values()) {
                assertThat(count(DeliveryMetrics.SENT, channel.name(), template)).isZero();
                assertThat(count(DeliveryMetrics.RETRIES, channel.name(), template)).isZero();
                assertThat(count(DeliveryMetrics.FAILED, channel.name(), template)).isZero();
                assertThat(registry.get(DeliveryMetrics.LATENCY).tag("channel", channel.name())
                        .tag("template", template.name()).timer().count()).isZero();
            }
            assertThat(count(DeliveryMetrics.FAILED, DeliveryMetrics.NO_CHANNEL, template)).isZero();
        }
        int templates = MessageTemplate.values().length;
        int channels = Channel.values().length;
        assertThat(registry.find(DeliveryMetrics.SENT).counters()).hasSize(channels * templates);
        assertThat(registry.find(DeliveryMetrics.FAILED).counters()).hasSize((channels + 1) * templates);
        assertThat(registry.find(DeliveryMetrics.HELD).counters()).hasSize(templates);
    }

    @Test
    void outcomesCountOnTheSeriesOfTheirChannelAndTemplate() {
        Delivery requested = Delivery.requested("n-1", "c-1", MessageTemplate.OFFER, Map.of(), REQUESTED, REQUESTED);

        metrics.sent(requested.sent(Channel.EMAIL, REQUESTED.plusSeconds(3)));
        metrics.failed(requested.failed(Delivery.NO_CONTACT, REQUESTED.plusSeconds(4)));
        metrics.retried(Channel.SMS, requested);

        assertThat(count(DeliveryMetrics.SENT, "EMAIL", MessageTemplate.OFFER)).isEqualTo(1);
        assertThat(count(DeliveryMetrics.SENT, "SMS", MessageTemplate.OFFER)).isZero();
        assertThat(count(DeliveryMetrics.FAILED, DeliveryMetrics.NO_CHANNEL, MessageTemplate.OFFER)).isEqualTo(1);
        assertThat(count(DeliveryMetrics.RETRIES, "SMS", MessageTemplate.OFFER)).isEqualTo(1);
        assertThat(registry.get(DeliveryMetrics.LATENCY).tag("channel", "EMAIL").tag("template", "OFFER").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
    }

    private double count(String name, String channel, MessageTemplate template) {
        Counter counter = registry.get(name).tag("channel", channel).tag("template", template.name()).counter();
        return counter.count();
    }
}
