package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelPolicyTest {

    @Test
    void codesGoOnlyTheWayTheyMustOthersMayFallBack() {
        assertThat(ChannelPolicy.allowed(MessageTemplate.VERIFICATION_CODE)).containsOnly(Channel.SMS, Channel.VOICE);
        assertThat(ChannelPolicy.allowed(MessageTemplate.ACCESS_CODE_BY_SMS)).containsExactly(Channel.SMS);
        assertThat(ChannelPolicy.allowed(MessageTemplate.ACCESS_CODE_BY_EMAIL)).containsExactly(Channel.EMAIL);
        assertThat(ChannelPolicy.allowed(MessageTemplate.OFFER)).contains(Channel.SMS, Channel.EMAIL);
    }
}
