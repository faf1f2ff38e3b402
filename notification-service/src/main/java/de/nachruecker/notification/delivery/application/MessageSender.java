package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.notification.message.model.RenderedMessage;

/** Hands a message to the SMS gateway or the mail server. Never throws for a failed send: it answers a result. */
public interface MessageSender {

    SendResult send(Channel channel, Contact contact, RenderedMessage message);
}
