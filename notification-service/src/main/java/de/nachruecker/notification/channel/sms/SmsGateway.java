package de.nachruecker.notification.channel.sms;

import de.nachruecker.notification.delivery.model.SendResult;

/** An HTTP SMS gateway. Implementations classify failures; they never throw for a failed send. */
public interface SmsGateway {

    /** @param to E.164 mobile number */
    SendResult send(String to, String text);
}
