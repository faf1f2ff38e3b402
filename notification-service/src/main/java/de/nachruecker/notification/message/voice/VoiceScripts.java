package de.nachruecker.notification.message.voice;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.message.model.InvalidParametersException;
import de.nachruecker.notification.message.model.PersonName;
import de.nachruecker.notification.message.model.RenderedMessage;
import de.nachruecker.support.voice.OfferCall;
import de.nachruecker.support.voice.Twiml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a call to a landline says, per template. The offer is read by {@link OfferCall} and asks for one key, which
 * Twilio posts to registration-service ({@code {answer-base-url}/voice/offers/answer?token=…&lang=…}: the owner of
 * answers, under the same single-use token as the link). A verification code is read digit by digit, twice. Every
 * other message is its SMS text read twice, without links (a URL read aloud helps nobody).
 */
public final class VoiceScripts {

    /** The path of registration-service's key-press webhook. */
    public static final String ANSWER_PATH = "/voice/offers/answer";

    private static final Pattern LINK = Pattern.compile("\\s*:?\\s*https?://\\S+");
    /** "Nachrücker:" or "Nachrücker für Erika M.:" — the call says who calls and for whom itself. */
    private static final Pattern SENDER_PREFIX = Pattern.compile("^Nachrücker[^:]{0,40}:\\s*");

    private final String answerBaseUrl;

    /** @param answerBaseUrl registration-service's public URL, as for the answer link */
    public VoiceScripts(String answerBaseUrl) {
        this.answerBaseUrl = answerBaseUrl.endsWith("/")
                ? answerBaseUrl.substring(0, answerBaseUrl.length() - 1) : answerBaseUrl;
    }

    /**
     * @param sms the message as rendered for SMS (its text is read for the templates without a script of their own)
     * @throws InvalidParametersException if a parameter the call needs is missing or unreadable
     */
    public VoiceCall render(MessageTemplate template, Map<String, String> parameters, boolean english, String name,
                            RenderedMessage sms) {
        return switch (template) {
            // like every message, a call names whom it is for by first name and initial only (households)
            case OFFER -> offer(parameters, english, PersonName.shortForm(name));
            case VERIFICATION_CODE -> code(required(parameters, "code"), english);
            default -> readTwice(spoken(sms.smsText()), english);
        };
    }

    private VoiceCall offer(Map<String, String> parameters, boolean english, String name) {
        OfferCall call = new OfferCall(english, name, parameters.get("product"),
                required(parameters, "centreName"), required(parameters, "centreAddress"),
                instant(parameters, "windowFrom"), instant(parameters, "windowTo"),
                instant(parameters, "answerDeadline"));
        String action = answerBaseUrl + ANSWER_PATH + "?token="
                + URLEncoder.encode(required(parameters, "answerToken"), StandardCharsets.UTF_8)
                + "&lang=" + (english ? "en" : "de");
        return new VoiceCall(call.twiml(action), call.transcript());
    }

    private static VoiceCall code(String code, boolean english) {
        String digits = String.join(", ", code.strip().split(""));
        String first = english ? "Hello. This is the Nachruecker standby list. Your verification code is: " + digits + "."
                : "Guten Tag. Hier ist die Nachrücker-Warteliste. Ihr Bestätigungscode lautet: " + digits + ".";
        String again = (english ? "Once more: " : "Ich wiederhole: ") + digits + ".";
        String end = english ? "Only enter it on the registration page. Goodbye."
                : "Geben Sie ihn nur auf der Registrierungsseite ein. Auf Wiederhören.";
        Twiml twiml = Twiml.speaking(english).say(first).say(again).say(end).hangup();
        // the transcript is shown on the local outbox page: the code stays with the person called
        String hidden = first.replace(digits, "[…]") + " " + again.replace(digits, "[…]") + " " + end;
        return new VoiceCall(twiml.toXml(), hidden);
    }

    private static VoiceCall readTwice(String text, boolean english) {
        String opening = english ? "Hello. This is the Nachruecker standby list." : "Guten Tag. Hier ist die "
                + "Nachrücker-Warteliste.";
        String again = english ? "Once more: " : "Ich wiederhole: ";
        String end = english ? "Goodbye." : "Auf Wiederhören.";
        Twiml twiml = Twiml.speaking(english).say(opening + " " + text).say(again + text).say(end).hangup();
        return new VoiceCall(twiml.toXml(), opening + " " + text + " " + end);
    }

    /** The SMS text without its sender prefix and links. */
    static String spoken(String smsText) {
        return LINK.matcher(SENDER_PREFIX.matcher(smsText.strip()).replaceFirst("")).replaceAll("").strip();
    }

    private static String required(Map<String, String> parameters, String key) {
        String value = parameters.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidParametersException("missing parameter " + key);
        }
        return value.strip();
    }

    private static Instant instant(Map<String, String> parameters, String key) {
        try {
            return Instant.parse(required(parameters, key));
        } catch (DateTimeParseException e) {
            throw new InvalidParametersException("parameter " + key + " is not an ISO-8601 instant");
        }
    }
}
