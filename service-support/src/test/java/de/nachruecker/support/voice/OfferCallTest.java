package de.nachruecker.support.voice;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OfferCallTest {

    private static final String ACTION = "https://nachruecker.example/voice/offers/answer?token=abc&lang=de";

    @Test
    void readsTheOfferInGermanAndAsksForOneKeyPostedToTheAction() throws Exception {
        OfferCall call = new OfferCall(false, "Erika Mustermann", "COMIRNATY", "Impfzentrum Korbach",
                "Am Hauptbahnhof 1, 34497 Korbach", Instant.parse("2021-05-03T12:30:00Z"),
                Instant.parse("2021-05-03T13:30:00Z"), Instant.parse("2021-05-03T12:05:00Z"));

        Document twiml = parse(call.twiml(ACTION));

        NodeList gathers = twiml.getElementsByTagName("Gather");
        assertThat(gathers.getLength()).as("read once more when no key comes").isEqualTo(2);
        Element gather = (Element) gathers.item(0);
        assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
        assertThat(gather.getAttribute("action")).isEqualTo(ACTION);
        assertThat(gather.getAttribute("method")).isEqualTo("POST");
        Element say = (Element) gather.getElementsByTagName("Say").item(0);
        assertThat(say.getAttribute("language")).isEqualTo("de-DE");
        assertThat(say.getTextContent()).contains("für Erika Mustermann", "Comirnaty", "Impfzentrum Korbach",
                "am Montag, 3. Mai, von 14:30 bis 15:30 Uhr", "bis Montag, 3. Mai, 14:05 Uhr");
        assertThat(gather.getTextContent()).contains("Drücken Sie die 1", "die 2", "die 9");
        assertThat(twiml.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
    }

    @Test
    void speaksEnglishWithBothDaysWhenTheWindowSpansMidnight() throws Exception {
        OfferCall call = new OfferCall(true, null, "SPIKEVAX", "Kassel", "Messe", Instant.parse("2021-05-03T21:30:00Z"),
                Instant.parse("2021-05-03T23:30:00Z"), Instant.parse("2021-05-03T21:00:00Z"));

        Document twiml = parse(call.repeatTwiml(ACTION));

        Element say = (Element) twiml.getElementsByTagName("Say").item(0);
        assertThat(say.getAttribute("language")).isEqualTo("en-US");
        assertThat(say.getTextContent()).contains("Spikevax",
                "from Monday, 3 May, 11:30 PM to Tuesday, 4 May, 1:30 AM", "until 11:00 PM on Monday, 3 May");
        assertThat(twiml.getElementsByTagName("Gather").getLength()).isEqualTo(1);
    }

    @Test
    void textsAndTheActionCannotBreakOutOfTheirElements() throws Exception {
        OfferCall call = new OfferCall(false, "Eve</Say><Dial>+1900</Dial><Say>", "X", "A & B \"Süd\"",
                "<Hauptstr. 1>", Instant.parse("2021-05-03T12:30:00Z"), Instant.parse("2021-05-03T13:30:00Z"),
                Instant.parse("2021-05-03T12:05:00Z"));

        String xml = call.twiml("https://h.example/a?token=t&lang=de\"><Dial>");
        Document twiml = parse(xml);

        assertThat(twiml.getElementsByTagName("Dial").getLength()).isZero();
        assertThat(((Element) twiml.getElementsByTagName("Gather").item(0)).getAttribute("action"))
                .isEqualTo("https://h.example/a?token=t&lang=de\"><Dial>");
        assertThat(twiml.getElementsByTagName("Say").item(0).getTextContent())
                .contains("Eve</Say><Dial>+1900</Dial><Say>", "A & B \"Süd\"", "<Hauptstr. 1>");
        assertThat(xml).doesNotContain("<Dial>");
    }

    @Test
    void dropsCharactersXmlCannotCarry() {
        assertThat(Twiml.escape("a\u0000b\u0007c\uD800d 😀 'x'")).isEqualTo("abcd 😀 &apos;x&apos;");
    }

    @Test
    void spokenProductNamesAreWordsNotLetters() {
        assertThat(OfferCall.spokenProduct("COMIRNATY")).isEqualTo("Comirnaty");
        assertThat(OfferCall.spokenProduct("JANSSEN_COVID")).isEqualTo("Janssen Covid");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
