package de.nachruecker.notification.message.voice;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.message.model.InvalidParametersException;
import de.nachruecker.notification.message.model.MessageCatalogue;
import de.nachruecker.notification.message.model.RenderedMessage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceScriptsTest {

    private final MessageCatalogue catalogue = new MessageCatalogue("https://nachruecker.example/");
    private final VoiceScripts scripts = new VoiceScripts("https://nachruecker.example/");

    @Test
    void theOfferCallPostsTheKeyToRegistrationWithTheTokenAndLanguage() throws Exception {
        Map<String, String> parameters = Map.of("centreName", "Impfzentrum Korbach & Co",
                "centreAddress", "Am Hauptbahnhof 1", "product", "COMIRNATY",
                "windowFrom", "2021-05-03T12:30:00Z", "windowTo", "2021-05-03T13:30:00Z",
                "answerDeadline", "2021-05-03T12:05:00Z", "answerToken", "tok+en/1", "offerId", "o-1");

        VoiceCall call = scripts.render(MessageTemplate.OFFER, parameters, true, "Erika Mustermann",
                catalogue.render(MessageTemplate.OFFER, parameters, true, "Erika Mustermann"));

        Element gather = (Element) parse(call.twiml()).getElementsByTagName("Gather").item(0);
        assertThat(gather.getAttribute("action"))
                .isEqualTo("https://nachruecker.example/voice/offers/answer?token=tok%2Ben%2F1&lang=en");
        assertThat(gather.getTextContent()).contains("Impfzentrum Korbach & Co", "Press 1 to accept");
        assertThat(call.transcript()).contains("for Erika M.", "Comirnaty").doesNotContain("tok", "Mustermann");
    }

    @Test
    void theCodeIsReadDigitByDigitTwice() throws Exception {
        Map<String, String> parameters = Map.of("code", "407113");
        VoiceCall call = scripts.render(MessageTemplate.VERIFICATION_CODE, parameters, false, null,
                catalogue.render(MessageTemplate.VERIFICATION_CODE, parameters, false, null));

        String spoken = parse(call.twiml()).getDocumentElement().getTextContent();
        assertThat(spoken).contains("lautet: 4, 0, 7, 1, 1, 3.", "Ich wiederhole: 4, 0, 7, 1, 1, 3.");
        assertThat(parse(call.twiml()).getElementsByTagName("Gather").getLength()).isZero();
        assertThat(call.transcript()).as("shown on the outbox page").doesNotContain("4, 0, 7").contains("[…]");
    }

    @Test
    void otherMessagesAreTheirSmsTextWithoutLinksReadTwice() throws Exception {
        RenderedMessage sms = new RenderedMessage("s", "Nachrücker für Erika M.: Termin bestätigt <Kassel>. Absagen: "
                + "https://nachruecker.example/cancel?token=abc", "e", Set.of("abc"));

        VoiceCall call = scripts.render(MessageTemplate.CONFIRMATION, Map.of(), false, null, sms);

        String spoken = parse(call.twiml()).getDocumentElement().getTextContent();
        assertThat(spoken).contains("Warteliste. Termin bestätigt <Kassel>. Absagen",
                        "Ich wiederhole: Termin bestätigt")
                .doesNotContain("http", "token");
    }

    @Test
    void anOfferWithoutItsTokenCannotBeCalled() {
        Map<String, String> parameters = Map.of("centreName", "K", "centreAddress", "A", "product", "X",
                "windowFrom", "2021-05-03T12:30:00Z", "windowTo", "2021-05-03T13:30:00Z",
                "answerDeadline", "2021-05-03T12:05:00Z");
        assertThatThrownBy(() -> scripts.render(MessageTemplate.OFFER, parameters, false, null,
                new RenderedMessage("s", "t", "e", Set.of()))).isInstanceOf(InvalidParametersException.class);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
