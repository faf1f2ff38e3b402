package de.nachruecker.support.voice;

/**
 * A TwiML document (Twilio's markup for what a call does), built verb by verb. Every text and attribute value is
 * XML-escaped here, so a centre name such as {@code "A & B <Süd>"} can never end the {@code <Say>} early or inject a
 * verb. Only the verbs the platform uses: {@code <Say>}, {@code <Gather>} (one key) and {@code <Hangup>}.
 */
public final class Twiml {

    /** Twilio refuses inline TwiML longer than this on "create call". */
    public static final int MAX_INLINE_LENGTH = 4000;

    private final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    private final String language;

    private Twiml(String language) {
        this.language = language;
    }

    /** A document whose speech is in German ({@code de-DE}) or, when {@code english}, in US English. */
    public static Twiml speaking(boolean english) {
        return new Twiml(english ? "en-US" : "de-DE");
    }

    /** The BCP-47 tag Twilio's {@code <Say>} gets for the language. */
    public String language() {
        return language;
    }

    public Twiml say(String text) {
        xml.append("<Say language=\"").append(language).append("\">").append(escape(text)).append("</Say>");
        return this;
    }

    /**
     * Reads {@code texts} while waiting for one key; the key goes by POST to {@code action} as the form field
     * {@code Digits}. Without a key within {@code timeoutSeconds} after the speech, the document goes on after it.
     */
    public Twiml gatherOneKey(String action, int timeoutSeconds, String... texts) {
        xml.append("<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"").append(timeoutSeconds)
                .append("\" method=\"POST\" action=\"").append(escape(action)).append("\">");
        for (String text : texts) {
            say(text);
        }
        xml.append("</Gather>");
        return this;
    }

    public Twiml hangup() {
        xml.append("<Hangup/>");
        return this;
    }

    public String toXml() {
        return xml + "</Response>";
    }

    @Override
    public String toString() {
        return toXml();
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry at all are dropped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
