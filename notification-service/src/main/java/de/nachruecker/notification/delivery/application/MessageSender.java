package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.notification.message.model.RenderedMessage;
import de.nachruecker.notification.message.voice.VoiceCall;

/**
 * Hands a message to the SMS gateway or the mail server, or places a call. Never throws for a failed send: it answers
 * a result.
 */
public interface MessageSender {

    /** By SMS or email. */
    SendResult send(Channel channel, Contact contact, RenderedMessage message);

    /** A call to the contact's landline. */
    SendResult call(Contact contact, VoiceCall call);
}
