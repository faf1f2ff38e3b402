package de.nachruecker.notification.message.model;

import de.nachruecker.events.notification.MessageTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The texts of every message in German (default) and English. SMS texts are short (one or two GSM-7 segments with
 * realistic values), emails add a greeting, the advice that does not fit an SMS, and a signature. Times are shown in
 * Europe/Berlin, where every centre is.
 */
public final class MessageCatalogue {

    /**
     * Parameters that would let their reader act as the candidate: the raw answer token of an offer (its link answers
     * the offer), the phone verification code and the access code.
     */
    public static final Set<String> SECRET_PARAMETERS = Set.of("answerToken", "code", "accessCode");

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** How every SMS text begins; with a name it becomes "Nachrücker für Erika M.:". */
    private static final String SMS_SENDER = "Nachrücker:";
    /** Where registration-service lets a signed-in citizen cancel their appointment (after a confirmation step). */
    private static final String CANCEL_PATH = "/me/appointment/cancel";

    private final String answerBaseUrl;
    private final Language german = Language.german();
    private final Language english = Language.english();

    /** @param answerBaseUrl where registration-service serves the answer page, e.g. {@code https://nachruecker.example} */
    public MessageCatalogue(String answerBaseUrl) {
        this.answerBaseUrl = answerBaseUrl.endsWith("/")
                ? answerBaseUrl.substring(0, answerBaseUrl.length() - 1) : answerBaseUrl;
    }

    /**
     * Every message names the person it is for by first name and initial ({@link PersonName}): one phone or email
     * may be the contact of several people (a daughter's mobile for both parents, a care home's for its residents).
     *
     * @param parameters the request's template parameters (instants as ISO-8601)
     * @param name       the candidate's name as registered; may be {@code null} (then the message names no one)
     * @throws InvalidParametersException if a parameter the template needs is missing or unreadable
     */
    public RenderedMessage render(MessageTemplate template, Map<String, String> parameters, boolean inEnglish,
                                  String name) {
        Language language = inEnglish ? english : german;
        boolean tooLateForKnownOffer = template == MessageTemplate.TOO_LATE && namesTheOffer(parameters);
        Texts texts = tooLateForKnownOffer ? language.tooLateForOffer : language.texts.get(template);
        Map<String, String> values = values(template, parameters, language);
        if (tooLateForKnownOffer) {
            values.put("centreName", required(parameters, "centreName"));
            values.put("product", required(parameters, "product"));
            values.put("window", language.window(instant(parameters, "windowFrom"), instant(parameters, "windowTo")));
        }
        String person = PersonName.shortForm(name);
        String greeting = person == null ? language.anonymousGreeting
                : language.greeting.replace("{name}", person);
        String email = greeting + "\n\n" + fill(texts.email(), values) + "\n\n" + language.signature;
        String subject = fill(texts.subject(), values);
        String sms = fill(texts.sms(), values);
        if (person != null) {
            subject = subject + language.subjectFor.replace("{name}", person);
            sms = sms.replaceFirst("^" + SMS_SENDER, Matcher.quoteReplacement(
                    language.smsFor.replace("{name}", person)));
        }
        return new RenderedMessage(subject, sms, email, secrets(parameters));
    }

    /** The secret parameters' values, raw and as they appear in a link. */
    private static Set<String> secrets(Map<String, String> parameters) {
        Set<String> secrets = new HashSet<>();
        for (String name : SECRET_PARAMETERS) {
            String value = parameters.get(name);
            if (value != null && !value.isBlank()) {
                secrets.add(value.strip());
                secrets.add(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
            }
        }
        return secrets;
    }

    private Map<String, String> values(MessageTemplate template, Map<String, String> parameters, Language language) {
        Map<String, String> values = new HashMap<>();
        switch (template) {
            case OFFER:
                // English is named, else the page would open in German (or the phone's language); German is left
                // out as with the cancel link: its 8 characters made the longest German offer a third segment.
                // The token stays the link's only credential.
                values.put("link", answerBaseUrl + "/offers/answer?token="
                        + URLEncoder.encode(required(parameters, "answerToken"), StandardCharsets.UTF_8)
                        + (language == english ? "&lang=en" : ""));
                values.put("deadline", language.time(instant(parameters, "answerDeadline")));
                putPlaceAndWindow(values, parameters, language);
                break;
            case CONFIRMATION:
                putPlaceAndWindow(values, parameters, language);
                // reference and phone came with the confirmation from 2026-12 on: a request from before has neither
                values.put("referenceSentence", optional(parameters, "reference", language.referenceSentence));
                values.put("phoneSentence", optional(parameters, "centrePhone", language.phoneSentence));
                values.put("cancelLink", answerBaseUrl + CANCEL_PATH + (language == english ? "?lang=en" : ""));
                break;
            case VERIFICATION_CODE:
                values.put("code", required(parameters, "code"));
                break;
            case ACCESS_CODE_BY_SMS:
            case ACCESS_CODE_BY_EMAIL:
                values.put("accessCode", required(parameters, "accessCode"));
                break;
            default:
                break;
        }
        return values;
    }

    /**
     * Whether a too-late request names the offer it answers (product, window, centre), as allocation sends it since
     * two too-late notes for two offers at one centre must be told apart; requests from before say nothing.
     */
    private static boolean namesTheOffer(Map<String, String> parameters) {
        return Stream.of("product", "windowFrom", "windowTo", "centreName")
                .allMatch(key -> parameters.get(key) != null && !parameters.get(key).isBlank());
    }

    private static void putPlaceAndWindow(Map<String, String> values, Map<String, String> parameters,
                                          Language language) {
        values.put("centreName", required(parameters, "centreName"));
        values.put("centreAddress", required(parameters, "centreAddress"));
        values.put("window", language.window(instant(parameters, "windowFrom"), instant(parameters, "windowTo")));
    }

    /** {@code sentence} with the parameter in place of {@code {}}, or nothing if the request has no such parameter. */
    private static String optional(Map<String, String> parameters, String key, String sentence) {
        String value = parameters.get(key);
        return value == null || value.isBlank() ? "" : sentence.replace("{}", value.strip());
    }

    private static String required(Map<String, String> parameters, String key) {
        String value = parameters.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidParametersException("missing parameter " + key);
        }
        return value.strip();
    }

    private static ZonedDateTime instant(Map<String, String> parameters, String key) {
        try {
            return Instant.parse(required(parameters, key)).atZone(BERLIN);
        } catch (DateTimeParseException e) {
            throw new InvalidParametersException("parameter " + key + " is not an ISO-8601 instant");
        }
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        return matcher.appendTail(out).toString();
    }

    private record Texts(String subject, String sms, String email) {
    }

    private static final class Language {

        private final Map<MessageTemplate, Texts> texts = new EnumMap<>(MessageTemplate.class);
        /** TOO_LATE for a request that names the offer: product, window and centre. */
        private Texts tooLateForOffer;
        private final String greeting;
        private final String anonymousGreeting;
        private final String smsFor;
        private final String subjectFor;
        private final String signature;
        private final DateTimeFormatter day;
        private final DateTimeFormatter dayAndTime;
        private final DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm");
        private final String clockSuffix;
        /** The confirmation's reference and the centre's phone, each a sentence with {} for the value. */
        private String referenceSentence;
        private String phoneSentence;

        private Language(String greeting, String anonymousGreeting, String smsFor, String subjectFor,
                         String signature, Locale locale, String dayPattern, String dayAndTimePattern,
                         String clockSuffix) {
            this.greeting = greeting;
            this.anonymousGreeting = anonymousGreeting;
            this.smsFor = smsFor;
            this.subjectFor = subjectFor;
            this.signature = signature;
            this.day = DateTimeFormatter.ofPattern(dayPattern, locale);
            this.dayAndTime = DateTimeFormatter.ofPattern(dayAndTimePattern, locale);
            this.clockSuffix = clockSuffix;
        }

        /**
         * "Mo. 03.05., 14:00-15:30 Uhr", or both ends with their date when the window spans midnight (the same rule
         * as service-support's WindowText for the pages; the domain here stays free of the shared modules).
         */
        String window(ZonedDateTime from, ZonedDateTime to) {
            if (from.toLocalDate().equals(to.toLocalDate())) {
                return day.format(from) + ", " + clock.format(from) + "-" + clock.format(to) + clockSuffix;
            }
            return dayAndTime.format(from) + " - " + dayAndTime.format(to) + clockSuffix;
        }

        String time(ZonedDateTime at) {
            return dayAndTime.format(at) + clockSuffix;
        }

        private Language appointmentSentences(String reference, String phone) {
            this.referenceSentence = reference;
            this.phoneSentence = phone;
            return this;
        }

        private Language tooLateForOffer(String subject, String sms, String email) {
            tooLateForOffer = new Texts(subject, sms, email);
            return this;
        }

        private Language text(MessageTemplate template, String subject, String sms, String email) {
            texts.put(template, new Texts(subject, sms, email));
            return this;
        }

        static Language german() {
            return new Language("Guten Tag {name},", "Guten Tag,", "Nachrücker für {name}:", " (für {name})",
                    "Ihr Nachrücker-Team\n(automatische Nachricht, bitte nicht antworten)",
                    Locale.GERMAN, "EEE dd.MM.", "dd.MM. HH:mm", " Uhr")
                    .text(MessageTemplate.OFFER, "Impfangebot: freie Impfdosis im {centreName}",
                            "Nachrücker: Impfdosis frei im {centreName}, {centreAddress}, {window}. "
                                    + "Antwort bis {deadline}: {link}",
                            "eine Impfdosis ist frei: {centreName}, {centreAddress}, {window}.\n"
                                    + "Bitte sagen Sie nur zu, wenn Sie sicher in diesem Zeitraum kommen können. "
                                    + "Antworten Sie bis {deadline} hier:\n{link}")
                    .appointmentSentences(" Referenz: {}.", " Tel. {}.")
                    .text(MessageTemplate.CONFIRMATION, "Ihr Impftermin ist bestätigt",
                            "Nachrücker: Termin bestätigt: {centreName}, {centreAddress}, {window}."
                                    + "{referenceSentence}{phoneSentence} Ausweis mitbringen. Absagen: {cancelLink}",
                            "Ihr Impftermin ist bestätigt: {centreName}, {centreAddress}, {window}."
                                    + "{referenceSentence}{phoneSentence}\n"
                                    + "Nennen Sie die Referenz im Impfzentrum. Bitte kommen Sie in diesem Zeitraum "
                                    + "und bringen Sie Ihren Ausweis, Ihren Impfpass (falls vorhanden) und Ihre "
                                    + "Versichertenkarte mit.\n"
                                    + "Wenn Sie nicht kommen können, sagen Sie bitte ab, damit jemand anderes die "
                                    + "Dosis bekommt:\n{cancelLink}")
                    .text(MessageTemplate.TOO_LATE, "Impfdosis bereits vergeben",
                            "Nachrücker: Die Impfdosis ist leider schon vergeben. Sie behalten Ihren Platz auf "
                                    + "der Warteliste.",
                            "die Impfdosis ist leider schon vergeben. Sie behalten Ihren Platz auf der Warteliste "
                                    + "und erhalten das nächste passende Angebot.")
                    .tooLateForOffer("Impfdosis bereits vergeben",
                            "Nachrücker: Ihre Antwort auf das Angebot für {product} am {window} im {centreName} "
                                    + "kam zu spät, die Dosis ist vergeben. Sie behalten Ihren Platz auf der "
                                    + "Warteliste.",
                            "Ihre Antwort auf das Angebot für {product} am {window} im {centreName} kam leider zu "
                                    + "spät: die Impfdosis ist schon vergeben. Sie behalten Ihren Platz auf der "
                                    + "Warteliste und erhalten das nächste passende Angebot.")
                    .text(MessageTemplate.VERIFICATION_CODE, "Ihr Bestätigungscode",
                            "Nachrücker: Ihr Bestätigungscode lautet {code}. Geben Sie ihn nur auf der "
                                    + "Registrierungsseite ein.",
                            "Ihr Bestätigungscode lautet {code}.\nGeben Sie ihn nur auf der Registrierungsseite "
                                    + "von Nachrücker ein.")
                    .text(MessageTemplate.ACCESS_CODE_BY_SMS, "Ihr Zugangscode",
                            "Nachrücker: Ihr Zugangscode lautet {accessCode}. Damit sehen Sie Ihren Stand. Geben "
                                    + "Sie ihn nicht weiter.",
                            "Ihr persönlicher Zugangscode lautet:\n{accessCode}\nMit ihm sehen Sie auf der "
                                    + "Nachrücker-Seite Ihren Stand, ändern Ihre Angaben oder tragen sich aus. Geben "
                                    + "Sie ihn nicht weiter.")
                    .text(MessageTemplate.ACCESS_CODE_BY_EMAIL, "Ihr Zugangscode",
                            "Nachrücker: Ihr Zugangscode lautet {accessCode}. Damit sehen Sie Ihren Stand. Geben "
                                    + "Sie ihn nicht weiter.",
                            "Ihr persönlicher Zugangscode lautet:\n{accessCode}\nMit ihm sehen Sie auf der "
                                    + "Nachrücker-Seite Ihren Stand, ändern Ihre Angaben oder tragen sich aus. Geben "
                                    + "Sie ihn nicht weiter.")
                    .text(MessageTemplate.WITHDRAWAL_RECEIPT, "Abmeldung bestätigt",
                            "Nachrücker: Ihre Abmeldung ist eingegangen. Ihre Daten werden gelöscht, Sie erhalten "
                                    + "keine Angebote mehr.",
                            "Ihre Abmeldung von der Warteliste ist eingegangen. Ihre Daten werden gelöscht und "
                                    + "Sie erhalten keine Angebote mehr.");
        }

        static Language english() {
            return new Language("Hello {name},", "Hello,", "Nachrücker for {name}:", " (for {name})",
                    "Your Nachrücker team\n(automatic message, please do not reply)",
                    Locale.ENGLISH, "EEE d MMM", "d MMM HH:mm", "")
                    .text(MessageTemplate.OFFER, "Vaccination offer: a free dose at {centreName}",
                            "Nachrücker: Vaccine dose free at {centreName}, {centreAddress}, {window}. "
                                    + "Answer by {deadline}: {link}",
                            "A vaccine dose is free: {centreName}, {centreAddress}, {window}.\n"
                                    + "Please accept only if you can surely come in this time. "
                                    + "Answer by {deadline} here:\n{link}")
                    .appointmentSentences(" Reference: {}.", " Phone {}.")
                    .text(MessageTemplate.CONFIRMATION, "Your vaccination appointment is confirmed",
                            "Nachrücker: Appointment confirmed: {centreName}, {centreAddress}, {window}."
                                    + "{referenceSentence}{phoneSentence} Bring ID. Cancel: {cancelLink}",
                            "Your vaccination appointment is confirmed: {centreName}, {centreAddress}, {window}."
                                    + "{referenceSentence}{phoneSentence}\n"
                                    + "Give the reference at the vaccination centre. Please arrive in this time and "
                                    + "bring your ID, your vaccination card (if you have one) and your health "
                                    + "insurance card.\n"
                                    + "If you cannot come, please cancel, so that someone else gets the dose:\n"
                                    + "{cancelLink}")
                    .text(MessageTemplate.TOO_LATE, "Vaccine dose already taken",
                            "Nachrücker: Sorry, the dose has already been taken. You keep your place on the "
                                    + "waiting list.",
                            "Sorry, the vaccine dose has already been taken. You keep your place on the waiting "
                                    + "list and will get the next suitable offer.")
                    .tooLateForOffer("Vaccine dose already taken",
                            "Nachrücker: Your answer to the offer of {product} on {window} at {centreName} came "
                                    + "too late, the dose has been taken. You keep your place on the waiting list.",
                            "Sorry, your answer to the offer of {product} on {window} at {centreName} came too "
                                    + "late: the vaccine dose has already been taken. You keep your place on the "
                                    + "waiting list and will get the next suitable offer.")
                    .text(MessageTemplate.VERIFICATION_CODE, "Your verification code",
                            "Nachrücker: Your verification code is {code}. Only enter it on the registration page.",
                            "Your verification code is {code}.\nOnly enter it on the Nachrücker registration page.")
                    .text(MessageTemplate.ACCESS_CODE_BY_SMS, "Your access code",
                            "Nachrücker: Your access code is {accessCode}. Use it to see your status. Do not pass "
                                    + "it on.",
                            "Your personal access code is:\n{accessCode}\nWith it you can see your status on the "
                                    + "Nachrücker page, change your details or leave the list. Do not pass it on.")
                    .text(MessageTemplate.ACCESS_CODE_BY_EMAIL, "Your access code",
                            "Nachrücker: Your access code is {accessCode}. Use it to see your status. Do not pass "
                                    + "it on.",
                            "Your personal access code is:\n{accessCode}\nWith it you can see your status on the "
                                    + "Nachrücker page, change your details or leave the list. Do not pass it on.")
                    .text(MessageTemplate.WITHDRAWAL_RECEIPT, "Withdrawal confirmed",
                            "Nachrücker: Your withdrawal was received. Your data will be erased and you will get "
                                    + "no more offers.",
                            "Your withdrawal from the waiting list was received. Your data will be erased and "
                                    + "you will get no more offers.");
        }
    }
}
