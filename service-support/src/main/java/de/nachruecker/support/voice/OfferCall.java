package de.nachruecker.support.voice;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * What the call that offers a dose to a landline says: the offer read aloud, then one key: 1 accepts, 2 declines,
 * 9 repeats. notification-service places the call with it, and registration-service (which takes the key press)
 * reads it again for key 9, so both say the same words. Times are spoken in Europe/Berlin, where every centre is.
 *
 * @param english       US English, else German
 * @param name          whom the offer is for, may be null
 * @param product       the vaccine, may be null (then the call says "a dose")
 * @param answerDeadline until when a key press is taken
 */
public record OfferCall(boolean english, String name, String product, String centreName, String centreAddress,
                        Instant windowFrom, Instant windowTo, Instant answerDeadline) {

    public static final String ACCEPT_KEY = "1";
    public static final String DECLINE_KEY = "2";
    public static final String REPEAT_KEY = "9";
    /** Seconds to wait for a key after the prompt. */
    static final int KEY_TIMEOUT_SECONDS = 8;

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    public OfferCall {
        Objects.requireNonNull(centreName, "centreName");
        Objects.requireNonNull(centreAddress, "centreAddress");
        Objects.requireNonNull(windowFrom, "windowFrom");
        Objects.requireNonNull(windowTo, "windowTo");
        Objects.requireNonNull(answerDeadline, "answerDeadline");
    }

    /**
     * The whole call: greeting and offer with the key prompt, the offer once more if no key came, then a goodbye.
     *
     * @param keyAction absolute URL the pressed key is posted to (registration-service, with the offer's token)
     */
    public String twiml(String keyAction) {
        return Twiml.speaking(english)
                .gatherOneKey(keyAction, KEY_TIMEOUT_SECONDS, greeting() + " " + offer(), prompt())
                .gatherOneKey(keyAction, KEY_TIMEOUT_SECONDS, offer(), prompt())
                .say(noKey())
                .hangup()
                .toXml();
    }

    /** The offer and the prompt again, for key 9 (no greeting: the person is on the line). */
    public String repeatTwiml(String keyAction) {
        return Twiml.speaking(english)
                .gatherOneKey(keyAction, KEY_TIMEOUT_SECONDS, offer(), prompt())
                .say(noKey())
                .hangup()
                .toXml();
    }

    /** What the first reading says, as plain text (for the local outbox page and tests). */
    public String transcript() {
        return greeting() + " " + offer() + " " + prompt();
    }

    String greeting() {
        boolean named = name != null && !name.isBlank();
        if (english) {
            return "Hello. This is the Nachruecker standby list with a vaccination offer"
                    + (named ? " for " + name.strip() + "." : ".");
        }
        return "Guten Tag. Hier ist die Nachrücker-Warteliste mit einem Impfangebot"
                + (named ? " für " + name.strip() + "." : ".");
    }

    String offer() {
        boolean named = product != null && !product.isBlank();
        if (english) {
            return (named ? "A dose of " + spokenProduct(product) : "A vaccine dose") + " is free at " + centreName
                    + ", " + centreAddress + ", "
                    + window() + ". Please accept only if you can surely come in this time. You can answer until "
                    + time(answerDeadline) + ".";
        }
        return "Eine Impfdosis" + (named ? " " + spokenProduct(product) : "") + " ist frei im " + centreName + ", " + centreAddress + ", " + window()
                + ". Bitte sagen Sie nur zu, wenn Sie sicher in diesem Zeitraum kommen können. Sie können bis "
                + time(answerDeadline) + " antworten.";
    }

    String prompt() {
        return keys(english);
    }

    /** "Press 1 to accept …": the keys and what they do. */
    public static String keys(boolean english) {
        return english
                ? "Press 1 to accept. Press 2 to decline. Press 9 to hear this message again."
                : "Drücken Sie die 1, um zuzusagen. Drücken Sie die 2, um abzusagen. Drücken Sie die 9, um die "
                        + "Nachricht noch einmal zu hören.";
    }

    String noKey() {
        return english
                ? "We did not hear a key. You can also answer on the Nachruecker website with your access code. "
                        + "Goodbye."
                : "Wir haben keine Taste gehört. Sie können auch auf der Nachrücker-Seite mit Ihrem Zugangscode "
                        + "antworten. Auf Wiederhören.";
    }

    /** "am Montag, 3. Mai, von 14:30 bis 15:30 Uhr"; both ends with their day when the window spans midnight. */
    String window() {
        ZonedDateTime from = windowFrom.atZone(BERLIN);
        ZonedDateTime to = windowTo.atZone(BERLIN);
        if (from.toLocalDate().equals(to.toLocalDate())) {
            return english ? "on " + day(from) + ", from " + clock(from) + " to " + clock(to)
                    : "am " + day(from) + ", von " + clock(from) + " bis " + clock(to) + " Uhr";
        }
        return english ? "from " + day(from) + ", " + clock(from) + " to " + day(to) + ", " + clock(to)
                : "von " + day(from) + ", " + clock(from) + " Uhr bis " + day(to) + ", " + clock(to) + " Uhr";
    }

    private String time(Instant at) {
        ZonedDateTime zoned = at.atZone(BERLIN);
        return english ? clock(zoned) + " on " + day(zoned) : day(zoned) + ", " + clock(zoned) + " Uhr";
    }

    private String day(ZonedDateTime at) {
        return english ? DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.ENGLISH).format(at)
                : DateTimeFormatter.ofPattern("EEEE, d. MMMM", Locale.GERMAN).format(at);
    }

    private String clock(ZonedDateTime at) {
        return english ? DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH).format(at)
                : DateTimeFormatter.ofPattern("H:mm", Locale.GERMAN).format(at);
    }

    /** "COMIRNATY" is spelt out letter by letter by a speech engine; "Comirnaty" is read as a word. */
    static String spokenProduct(String product) {
        String lower = product.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
        StringBuilder out = new StringBuilder(lower.length());
        boolean startOfWord = true;
        for (char c : lower.toCharArray()) {
            out.append(startOfWord ? Character.toUpperCase(c) : c);
            startOfWord = c == ' ' || c == '-';
        }
        return out.toString();
    }
}
