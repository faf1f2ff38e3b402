package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which channels a message may take. A verification code proves the phone number, so it goes to the phone only (a text
 * to a mobile, a call to a landline): sent by email it would verify nothing. The access code goes the way the citizen
 * chose (SMS or email) and no other. Every other message may fall back to email.
 */
public final class ChannelPolicy {

    private ChannelPolicy() {
    }

    public static Set<Channel> allowed(MessageTemplate template) {
        return switch (template) {
            case VERIFICATION_CODE -> EnumSet.of(Channel.SMS, Channel.VOICE);
            case ACCESS_CODE_BY_SMS -> EnumSet.of(Channel.SMS);
            case ACCESS_CODE_BY_EMAIL -> EnumSet.of(Channel.EMAIL);
            default -> EnumSet.allOf(Channel.class);
        };
    }
}
