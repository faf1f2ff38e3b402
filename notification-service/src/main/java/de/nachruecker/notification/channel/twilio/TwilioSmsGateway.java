package de.nachruecker.notification.channel.twilio;

import de.nachruecker.notification.channel.sms.SmsGateway;
import de.nachruecker.notification.delivery.model.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Twilio Programmable Messaging, "create a Message resource": {@code POST .../Messages.json} with the form fields
 * {@code To}, {@code From}, {@code Body} (see {@link TwilioAccount} for auth and how answers are read; e.g. 21614 not
 * a mobile number). A permanent failure makes the email be tried instead.
 */
public class TwilioSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsGateway.class);

    private final TwilioAccount account;
    private final String from;

    public TwilioSmsGateway(TwilioAccount account, String from) {
        this.account = account;
        this.from = from;
        if (!configured()) {
            log.warn("SMS gateway credentials or sender missing (nachruecker.notification.sms.*): "
                    + "every SMS fails and email is used instead");
        }
    }

    @Override
    public SendResult send(String to, String text) {
        if (!configured()) {
            return SendResult.permanentFailure("sms-not-configured");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        form.add("From", from);
        form.add("Body", text);
        return account.create("Messages", form, "sms");
    }

    private boolean configured() {
        return account.configured() && TwilioAccount.notBlank(from);
    }
}
