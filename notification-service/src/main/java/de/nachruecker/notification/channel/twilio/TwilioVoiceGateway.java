package de.nachruecker.notification.channel.twilio;

import de.nachruecker.notification.channel.voice.VoiceGateway;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.support.voice.Twiml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Twilio Programmable Voice, "create a Call resource": {@code POST .../Calls.json} with the form fields {@code To},
 * {@code From} (a Twilio number or verified caller id in E.164; an alphanumeric sender cannot call) and the call's
 * TwiML inline in {@code Twiml} (at most {@value Twiml#MAX_INLINE_LENGTH} characters), so no URL of ours has to serve
 * it. Twilio answers 201 with the call ({@code sid}, {@code status=queued}). Auth and failure classes as in
 * {@link TwilioAccount}.
 */
public class TwilioVoiceGateway implements VoiceGateway {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceGateway.class);

    private final TwilioAccount account;
    private final String from;

    public TwilioVoiceGateway(TwilioAccount account, String from) {
        this.account = account;
        this.from = from;
        if (!configured()) {
            log.warn("voice gateway credentials or caller number missing (nachruecker.notification.sms.account-sid, "
                    + "auth-token, nachruecker.notification.voice.from): every call fails and email is used instead");
        }
    }

    @Override
    public SendResult call(String to, String twiml) {
        if (!configured()) {
            return SendResult.permanentFailure("voice-not-configured");
        }
        if (twiml.length() > Twiml.MAX_INLINE_LENGTH) {
            return SendResult.permanentFailure("voice-twiml-too-long");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        form.add("From", from);
        form.add("Twiml", twiml);
        return account.create("Calls", form, "voice");
    }

    private boolean configured() {
        return account.configured() && TwilioAccount.notBlank(from);
    }
}
