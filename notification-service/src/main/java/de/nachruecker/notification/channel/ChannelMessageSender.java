package de.nachruecker.notification.channel;

import de.nachruecker.notification.channel.email.EmailSender;
import de.nachruecker.notification.channel.sms.SmsGateway;
import de.nachruecker.notification.channel.voice.VoiceGateway;
import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.notification.delivery.application.MessageSender;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.notification.message.model.RenderedMessage;
import de.nachruecker.notification.message.voice.VoiceCall;
import de.nachruecker.notification.outboxpage.LocalOutbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends on the chosen channel; in the local profile also shows the message on the outbox page, without its answer
 * link's token or verification code (only the recipient gets those).
 */
@Component
class ChannelMessageSender implements MessageSender {

    private final SmsGateway sms;
    private final VoiceGateway voice;
    private final EmailSender email;
    private final ObjectProvider<LocalOutbox> localOutbox;

    ChannelMessageSender(SmsGateway sms, VoiceGateway voice, EmailSender email,
                         ObjectProvider<LocalOutbox> localOutbox) {
        this.sms = sms;
        this.voice = voice;
        this.email = email;
        this.localOutbox = localOutbox;
    }

    @Override
    public SendResult send(Channel channel, Contact contact, RenderedMessage message) {
        boolean bySms = channel == Channel.SMS;
        String recipient = bySms ? contact.phone() : contact.email();
        String text = bySms ? message.smsText() : message.emailText();
        SendResult result = bySms ? sms.send(recipient, text) : email.send(recipient, message.subject(), text);
        if (result.isSent()) {
            localOutbox.ifAvailable(outbox -> outbox.record(contact.candidateId(), channel, recipient,
                    bySms ? null : message.subject(), message.withoutSecrets(text)));
        }
        return result;
    }

    @Override
    public SendResult call(Contact contact, VoiceCall call) {
        SendResult result = voice.call(contact.phone(), call.twiml());
        if (result.isSent()) {
            localOutbox.ifAvailable(outbox -> outbox.record(contact.candidateId(), Channel.VOICE, contact.phone(),
                    null, call.transcript()));
        }
        return result;
    }
}
