package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.SealedValue;
import de.nachruecker.events.notification.MessageTemplate;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTest {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTest.class);
    private static final Instant NOW = Instant.parse("2021-05-03T10:00:00Z");
    /** A mobile and an email address. */
    private static final Set<Channel> BOTH = EnumSet.of(Channel.SMS, Channel.EMAIL);
    /** A landline and an email address. */
    private static final Set<Channel> LANDLINE_AND_EMAIL = EnumSet.of(Channel.VOICE, Channel.EMAIL);

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofSeconds(5));

    @Test
    void prefersSmsAndFallsBackToEmail() {
        Delivery delivery = requested();
        assertThat(delivery.nextChannel(BOTH)).contains(Channel.SMS);
        assertThat(delivery.nextChannel(Set.of(Channel.EMAIL))).contains(Channel.EMAIL);
        assertThat(delivery.nextChannel(Set.of())).isEmpty();
    }

    @Test
    void theTokenAndCodeStayUntilTheMessageIsSentOrGivenUpAndNotAfter() {
        Delivery offer = Delivery.requested("offer:1", "c-1", MessageTemplate.OFFER,
                Map.of("answerToken", "raw-token", "centreName", "Korbach"), NOW, NOW);
        Delivery code = Delivery.requested("verification:c-1:1", "c-1", MessageTemplate.VERIFICATION_CODE,
                Map.of("code", "123456"), NOW, NOW);

        Delivery retry = offer.afterFailure(Channel.SMS, SendResult.transientFailure("sms-http-503"), BOTH, policy,
                NOW);
        assertThat(retry.parameters()).containsEntry("answerToken", "raw-token");
        assertThat(offer.waitingForContact(NOW.plusSeconds(5)).parameters()).containsKey("answerToken");

        assertThat(retry.sent(Channel.SMS, NOW).parameters()).containsOnlyKeys("centreName");
        assertThat(offer.failed(Delivery.CONTACT_ERASED, NOW).parameters()).containsOnlyKeys("centreName");
        assertThat(code.afterFailure(Channel.SMS, SendResult.permanentFailure("sms-rejected:21211"),
                Set.of(Channel.SMS), policy, NOW).parameters()).isEmpty();
        assertThat(new Delivery("verification:c-1:2", "c-1", MessageTemplate.VERIFICATION_CODE,
                Map.of("code", "654321"), NOW, NOW, DeliveryState.SENT, Channel.SMS, 1, 0, Set.of(), null, null, NOW,
                null).parameters()).isEmpty();
    }

    @Test
    void sealedSecretsStayWhileTheMessageMayBeSentAndGoWithTheOutcome() {
        SealedSecrets sealed = new SealedSecrets("key-1", new SealedValue(7, "bm9uY2U=", "Y2lwaGVydGV4dA=="));
        Delivery offer = Delivery.requested("offer:o-9", "c-9", MessageTemplate.OFFER, Map.of("centreName", "K"),
                sealed, NOW, NOW);

        assertThat(offer.waitingForContact(NOW.plusSeconds(5)).secrets()).isEqualTo(sealed);
        assertThat(offer.heldUntil(NOW.plusSeconds(60)).secrets()).isEqualTo(sealed);
        Delivery retry = offer.afterFailure(Channel.SMS, SendResult.transientFailure("sms-http-503"), BOTH, policy,
                NOW);
        assertThat(retry.secrets()).isEqualTo(sealed);

        assertThat(retry.sent(Channel.SMS, NOW).secrets()).isNull();
        assertThat(offer.failed(Delivery.SECRETS_GONE, NOW).secrets()).isNull();
        assertThat(new Delivery("offer:o-9", "c-9", MessageTemplate.OFFER, Map.of(), NOW, NOW, DeliveryState.FAILED,
                null, 0, 0, Set.of(), null, "no-contact", NOW, sealed).secrets()).isNull();
    }

    @Test
    void aLandlineIsCalledAndARejectedCallFallsBackToEmail() {
        Delivery delivery = requested();
        assertThat(delivery.nextChannel(LANDLINE_AND_EMAIL)).contains(Channel.VOICE);
        Delivery email = delivery.afterFailure(Channel.VOICE, SendResult.permanentFailure("voice-rejected:21215"),
                LANDLINE_AND_EMAIL, policy, NOW);
        assertThat(email.nextChannel(LANDLINE_AND_EMAIL)).contains(Channel.EMAIL);
    }

    @Test
    void aVerificationCodeIsCalledToALandlineButNeverEmailed() {
        Delivery code = Delivery.requested("verification:c-1:1", "c-1", MessageTemplate.VERIFICATION_CODE,
                Map.of("code", "123456"), NOW, NOW);
        assertThat(code.nextChannel(LANDLINE_AND_EMAIL)).contains(Channel.VOICE);
        Delivery failed = code.afterFailure(Channel.VOICE, SendResult.permanentFailure("voice-rejected:21215"),
                LANDLINE_AND_EMAIL, policy, NOW);
        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void aHeldCallIsDueAgainLaterWithoutCountingAnAttempt() {
        Instant morning = NOW.plus(Duration.ofHours(8));
        Delivery held = requested().heldUntil(morning);
        assertThat(held.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(held.nextAttemptAt()).isEqualTo(morning);
        assertThat(held.attempts()).isZero();
    }

    @Test
    void aTransientFailureIsRetriedOnTheSameChannelAfterABackoff() {
        Delivery next = requested().afterFailure(Channel.SMS, SendResult.transientFailure("sms-http-503"), BOTH,
                policy, NOW);

        assertThat(next.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(next.nextAttemptAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(next.nextChannel(BOTH)).contains(Channel.SMS);
        assertThat(next.attempts()).isEqualTo(1);
        assertThat(next.lastFailure()).isEqualTo("sms-http-503");
    }

    @Test
    void exhaustedRetriesFallBackToTheOtherChannelAtOnce() {
        Delivery delivery = requested();
        for (int i = 0; i < 3; i++) {
            delivery = delivery.afterFailure(Channel.SMS, SendResult.transientFailure("sms-http-503"), BOTH, policy,
                    NOW);
        }

        assertThat(delivery.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW);
        assertThat(delivery.nextChannel(BOTH)).contains(Channel.EMAIL);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastFailure()).isEqualTo("retries-exhausted:sms-http-503");
    }

    @Test
    void aPermanentFailureFallsBackWithoutRetryAndFailsWhenNoChannelIsLeft() {
        Delivery email = requested().afterFailure(Channel.SMS, SendResult.permanentFailure("sms-rejected:21211"),
                BOTH, policy, NOW);
        assertThat(email.nextChannel(BOTH)).contains(Channel.EMAIL);

        Delivery failed = email.afterFailure(Channel.EMAIL, SendResult.permanentFailure("smtp-rejected:550"), BOTH,
                policy, NOW);

        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.lastFailure()).isEqualTo("smtp-rejected:550");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void aPhoneOnlyContactFailsWhenItsNumberIsRejected() {
        Delivery failed = requested().afterFailure(Channel.SMS, SendResult.permanentFailure("sms-rejected:21614"),
                Set.of(Channel.SMS), policy, NOW);

        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void aVerificationCodeNeverFallsBackToEmail() {
        Delivery code = Delivery.requested("n-2", "c-1", MessageTemplate.VERIFICATION_CODE, Map.of("code", "1"), NOW,
                NOW);
        assertThat(code.nextChannel(Set.of(Channel.EMAIL))).isEmpty();

        Delivery failed = code.afterFailure(Channel.SMS, SendResult.permanentFailure("sms-rejected:21211"), BOTH,
                policy, NOW);

        assertThat(failed.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(failed.lastFailure()).isEqualTo("sms-rejected:21211");
    }

    /** Random send outcomes never break the rules: bounded attempts, no abandoned channel reused, honest outcome. */
    @Test
    void randomOutcomesKeepTheRules() {
        long seed = 20210503L;
        log.info("seed {}", seed);
        Random random = new Random(seed);
        for (int run = 0; run < 2_000; run++) {
            // one phone, which takes SMS or calls, and maybe an email address
            Set<Channel> reachable = EnumSet.noneOf(Channel.class);
            int phone = random.nextInt(3);
            if (phone > 0) {
                reachable.add(phone == 1 ? Channel.SMS : Channel.VOICE);
            }
            if (random.nextBoolean()) {
                reachable.add(Channel.EMAIL);
            }
            MessageTemplate template = MessageTemplate.values()[random.nextInt(MessageTemplate.values().length)];
            Delivery delivery = Delivery.requested("n-" + run, "c-1", template, Map.of(), NOW, NOW);
            Instant now = NOW;
            int steps = 0;
            while (!delivery.state().isFinal()) {
                Optional<Channel> channel = delivery.nextChannel(reachable);
                if (channel.isEmpty()) {
                    delivery = delivery.failed("no-channel", now);
                    break;
                }
                assertThat(delivery.abandonedChannels()).doesNotContain(channel.get());
                int roll = random.nextInt(10);
                SendResult result = roll < 2 ? SendResult.sent()
                        : roll < 7 ? SendResult.transientFailure("t") : SendResult.permanentFailure("p");
                now = now.plusSeconds(1);
                delivery = result.isSent() ? delivery.sent(channel.get(), now)
                        : delivery.afterFailure(channel.get(), result, reachable, policy, now);
                steps++;
            }
            assertThat(steps).as("run %d", run).isLessThanOrEqualTo(policy.maxAttemptsPerChannel() * 2);
            assertThat(delivery.attempts()).isEqualTo(steps);
            if (delivery.state() == DeliveryState.SENT) {
                assertThat(reachable).contains(delivery.channel());
                assertThat(ChannelPolicy.allowed(delivery.template())).contains(delivery.channel());
            } else {
                assertThat(delivery.nextChannel(reachable)).isEmpty();
            }
        }
    }

    private static Delivery requested() {
        return Delivery.requested("n-1", "c-1", MessageTemplate.OFFER, Map.of("answerToken", "t"),
                NOW.minusSeconds(2), NOW);
    }
}
