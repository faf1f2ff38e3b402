package de.nachruecker.notification.message.model;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.ClassPathResource;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCatalogueTest {

    /** A production-length base URL and a 256-bit base64url token: longer than the local defaults. */
    private static final String PRODUCTION_BASE = "https://nachruecker.impfzentren-hessen.de";
    private static final String LONG_TOKEN = "Zq3p1WkP0uJ8c7rX5yN2bV9mH4tL6sD1fG0aK8eQwEr";
    private static final Pattern URL = Pattern.compile("https?://");

    private final MessageCatalogue catalogue = new MessageCatalogue("http://localhost:8081/");

    @ParameterizedTest
    @EnumSource(MessageTemplate.class)
    void everySmsFitsTwoGsm7SegmentsForEveryShippedCentreInBothLanguages(MessageTemplate template) {
        MessageCatalogue production = new MessageCatalogue(PRODUCTION_BASE);
        for (Centre centre : CentreCatalogue.load(new ClassPathResource("catalogue/centres-demo.json")).all()) {
            Map<String, String> parameters = parameters(centre.name(), centre.address(), LONG_TOKEN);
            parameters.put("windowTo", "2021-05-03T22:30:00Z"); // across midnight: the longest window text
            for (boolean english : new boolean[] {false, true}) {
                String sms = production.render(template, parameters, english, "Maria-Magdalena Müller-Lüdenscheidt")
                        .smsText();
                assertThat(SmsSegments.isGsm7(sms)).as(sms).isTrue();
                assertThat(SmsSegments.count(sms)).as(sms).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void germanOfferShowsPlaceBerlinTimesAndExactlyOneAnswerLink() {
        RenderedMessage offer = catalogue.render(MessageTemplate.OFFER, parameters(
                "Impfzentrum Waldeck-Frankenberg", "Demo-Straße 1, 34497 Korbach", "abc_DEF-123"), false,
                "Erika Mustermann");

        String link = "http://localhost:8081/offers/answer?token=abc_DEF-123";
        assertThat(offer.smsText()).isEqualTo("Nachrücker für Erika M.: Impfdosis frei im Impfzentrum Waldeck-Frankenberg, "
                + "Demo-Straße 1, 34497 Korbach, Mo. 03.05., 14:00-15:30 Uhr. Antwort bis 03.05. 13:20 Uhr: " + link);
        assertThat(offer.subject())
                .isEqualTo("Impfangebot: freie Impfdosis im Impfzentrum Waldeck-Frankenberg (für Erika M.)");
        assertThat(offer.emailText()).startsWith("Guten Tag Erika M.,\n\neine Impfdosis ist frei")
                .doesNotContain("Mustermann")
                .contains(link).endsWith("bitte nicht antworten)");
        assertThat(URL.matcher(offer.smsText()).results().count()).isEqualTo(1);
        assertThat(URL.matcher(offer.emailText()).results().count()).isEqualTo(1);
    }

    @Test
    void twoPeopleOnOnePhoneGetMessagesThatSayForWhom() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");

        RenderedMessage erika = catalogue.render(MessageTemplate.CONFIRMATION, parameters, false, "Erika Mustermann");
        RenderedMessage heinz = catalogue.render(MessageTemplate.CONFIRMATION, parameters, true, "Mustermann, Heinz");

        assertThat(erika.smsText()).startsWith("Nachrücker für Erika M.: Termin bestätigt");
        assertThat(heinz.smsText()).startsWith("Nachrücker for Heinz M.: Appointment confirmed");
        assertThat(heinz.subject()).endsWith(" (for Heinz M.)");
        assertThat(heinz.emailText()).startsWith("Hello Heinz M.,");
    }

    @Test
    void englishOfferUsesEnglishTextAndDates() {
        RenderedMessage offer = catalogue.render(MessageTemplate.OFFER, parameters(
                "Impfzentrum Waldeck-Frankenberg", "Demo-Straße 1, 34497 Korbach", "t1"), true, null);

        assertThat(offer.smsText()).isEqualTo("Nachrücker: Vaccine dose free at Impfzentrum Waldeck-Frankenberg, "
                + "Demo-Straße 1, 34497 Korbach, Mon 3 May, 14:00-15:30. Answer by 3 May 13:20: "
                + "http://localhost:8081/offers/answer?token=t1&lang=en");
        assertThat(offer.emailText()).startsWith("Hello,\n\nA vaccine dose is free")
                .contains("http://localhost:8081/offers/answer?token=t1&lang=en");
    }

    /** The answer page once opened in the phone's language, not the one chosen at registration. */
    @Test
    void theOfferLinkCarriesTheChosenLanguageAndStillOnlyTheTokenAsCredential() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel",
                "tok+en/1");

        String english = catalogue.render(MessageTemplate.OFFER, parameters, true, "Heinz M").smsText();
        String german = catalogue.render(MessageTemplate.OFFER, parameters, false, "Heinz M").smsText();

        assertThat(english).endsWith(": http://localhost:8081/offers/answer?token=tok%2Ben%2F1&lang=en");
        assertThat(german).as("German is the pages' default").endsWith(
                ": http://localhost:8081/offers/answer?token=tok%2Ben%2F1");
    }

    @Test
    void timesAreShownInBerlinWinterTimeToo() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        parameters.put("windowFrom", "2021-01-15T13:00:00Z");
        parameters.put("windowTo", "2021-01-15T14:00:00Z");

        assertThat(catalogue.render(MessageTemplate.CONFIRMATION, parameters, false, "A").smsText())
                .contains("Fr. 15.01., 14:00-15:00 Uhr").contains("Ausweis");
    }

    @Test
    void aWindowAcrossMidnightShowsBothDates() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        parameters.put("windowTo", "2021-05-03T22:30:00Z");

        assertThat(catalogue.render(MessageTemplate.CONFIRMATION, parameters, true, "A").smsText())
                .contains("3 May 14:00 - 4 May 00:30");
    }

    @Test
    void theConfirmationCarriesTheReferenceTheCentresPhoneAndALinkToCancel() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");

        RenderedMessage german = catalogue.render(MessageTemplate.CONFIRMATION, parameters, false, "Erika");
        RenderedMessage english = catalogue.render(MessageTemplate.CONFIRMATION, parameters, true, "Erika");

        assertThat(german.smsText()).isEqualTo("Nachrücker für Erika: Termin bestätigt: Impfzentrum Kassel, Demo-Straße 2, "
                + "34117 Kassel, Mo. 03.05., 14:00-15:30 Uhr. Referenz: 7K3M-Q9XA. Tel. 069 90009-005. Ausweis "
                + "mitbringen. Absagen: http://localhost:8081/me/appointment/cancel");
        assertThat(german.emailText()).contains("Referenz: 7K3M-Q9XA.", "Tel. 069 90009-005.",
                "http://localhost:8081/me/appointment/cancel");
        assertThat(english.smsText()).contains("Reference: 7K3M-Q9XA.", "Phone 069 90009-005.",
                "Cancel: http://localhost:8081/me/appointment/cancel?lang=en");
        assertThat(english.emailText()).contains("http://localhost:8081/me/appointment/cancel?lang=en");
    }

    @Test
    void aConfirmationRequestedBeforeItCarriedTheReferenceStillReads() {
        Map<String, String> earlier = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        earlier.remove("reference");
        earlier.remove("centrePhone");

        assertThat(catalogue.render(MessageTemplate.CONFIRMATION, earlier, false, null).smsText())
                .isEqualTo("Nachrücker: Termin bestätigt: Impfzentrum Kassel, Demo-Straße 2, 34117 Kassel, "
                        + "Mo. 03.05., 14:00-15:30 Uhr. Ausweis mitbringen. Absagen: "
                        + "http://localhost:8081/me/appointment/cancel");
    }

    @Test
    void verificationCodeCarriesTheCode() {
        RenderedMessage code = catalogue.render(MessageTemplate.VERIFICATION_CODE, Map.of("code", "482913"), false,
                "Erika");

        assertThat(code.smsText()).isEqualTo("Nachrücker für Erika: Ihr Bestätigungscode lautet 482913. Geben Sie ihn nur auf "
                + "der Registrierungsseite ein.");
    }

    @Test
    void theAccessCodeIsSentAsGroupedAndNamesThePerson() {
        Map<String, String> parameters = Map.of("accessCode", "7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BCE");

        RenderedMessage sms = catalogue.render(MessageTemplate.ACCESS_CODE_BY_SMS, parameters, false,
                "Erika Mustermann");
        RenderedMessage email = catalogue.render(MessageTemplate.ACCESS_CODE_BY_EMAIL, parameters, true, "Erika M");

        assertThat(sms.smsText()).isEqualTo("Nachrücker für Erika M.: Ihr Zugangscode lautet 7KQM 3XDA 9PZT 0VWX "
                + "Y2HJ 4N6R 8BCE. Damit sehen Sie Ihren Stand. Geben Sie ihn nicht weiter.");
        assertThat(email.subject()).isEqualTo("Your access code (for Erika M.)");
        assertThat(email.emailText()).contains("\n7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BCE\n");
        assertThatThrownBy(() -> catalogue.render(MessageTemplate.ACCESS_CODE_BY_SMS, Map.of(), false, null))
                .isInstanceOf(InvalidParametersException.class);
    }

    @Test
    void templatesWithoutParametersNeedNone() {
        assertThat(catalogue.render(MessageTemplate.TOO_LATE, Map.of(), true, "Erika").smsText())
                .contains("keep your place");
        assertThat(catalogue.render(MessageTemplate.WITHDRAWAL_RECEIPT, Map.of(), false, "Erika").subject())
                .isEqualTo("Abmeldung bestätigt (für Erika)");
    }

    @Test
    void tooLateNamesTheOfferItAnswersWhenTheRequestDoes() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");

        RenderedMessage german = catalogue.render(MessageTemplate.TOO_LATE, parameters, false, "Erika");
        RenderedMessage english = catalogue.render(MessageTemplate.TOO_LATE, parameters, true, "Erika");

        assertThat(german.smsText()).isEqualTo("Nachrücker für Erika: Ihre Antwort auf das Angebot für Comirnaty am "
                + "Mo. 03.05., 14:00-15:30 Uhr im Impfzentrum Kassel kam zu spät, die Dosis ist vergeben. Sie "
                + "behalten Ihren Platz auf der Warteliste.");
        assertThat(german.emailText()).contains("Comirnaty am Mo. 03.05., 14:00-15:30 Uhr im Impfzentrum Kassel");
        assertThat(english.smsText()).isEqualTo("Nachrücker for Erika: Your answer to the offer of Comirnaty on "
                + "Mon 3 May, 14:00-15:30 at Impfzentrum Kassel came too late, the dose has been taken. You keep "
                + "your place on the waiting list.");
    }

    @Test
    void tooLateNotesForTwoOffersAtOneCentreDiffer() {
        Map<String, String> first = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        Map<String, String> second = new HashMap<>(first);
        second.put("windowFrom", "2021-05-03T16:00:00Z");
        second.put("windowTo", "2021-05-03T17:00:00Z");

        assertThat(catalogue.render(MessageTemplate.TOO_LATE, second, false, null).smsText())
                .isNotEqualTo(catalogue.render(MessageTemplate.TOO_LATE, first, false, null).smsText())
                .contains("18:00-19:00 Uhr");
    }

    @Test
    void tooLateRequestedWithoutTheOffersWindowKeepsTheEarlierText() {
        // as allocation sent it before: the centre, but no product and window
        Map<String, String> earlier = Map.of("offerId", "offer-1", "releaseId", "release-1", "centreId", "kassel",
                "centreName", "Impfzentrum Kassel");

        assertThat(catalogue.render(MessageTemplate.TOO_LATE, earlier, false, null).smsText())
                .isEqualTo("Nachrücker: Die Impfdosis ist leider schon vergeben. Sie behalten Ihren Platz auf der "
                        + "Warteliste.");
        assertThat(catalogue.render(MessageTemplate.TOO_LATE, earlier, true, null).smsText())
                .isEqualTo("Nachrücker: Sorry, the dose has already been taken. You keep your place on the "
                        + "waiting list.");
    }

    @Test
    void tooLateWithAnUnreadableWindowIsRefused() {
        Map<String, String> parameters = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        parameters.put("windowTo", "later");

        assertThatThrownBy(() -> catalogue.render(MessageTemplate.TOO_LATE, parameters, false, null))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("windowTo");
    }

    @Test
    void aMissingOrUnreadableParameterIsRefused() {
        Map<String, String> noToken = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        noToken.remove("answerToken");
        Map<String, String> badTime = parameters("Impfzentrum Kassel", "Demo-Straße 2, 34117 Kassel", "t");
        badTime.put("windowFrom", "tomorrow");

        assertThatThrownBy(() -> catalogue.render(MessageTemplate.OFFER, noToken, false, null))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("answerToken");
        assertThatThrownBy(() -> catalogue.render(MessageTemplate.OFFER, badTime, false, null))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("windowFrom");
        assertThatThrownBy(() -> catalogue.render(MessageTemplate.VERIFICATION_CODE, Map.of(), false, null))
                .isInstanceOf(InvalidParametersException.class);
    }

    /** Comirnaty on Monday 3 May 2021, 14:00-15:30 in Berlin (CEST), answer by 13:20. */
    private static Map<String, String> parameters(String centreName, String centreAddress, String token) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("centreName", centreName);
        parameters.put("centreAddress", centreAddress);
        parameters.put("product", "Comirnaty");
        parameters.put("windowFrom", "2021-05-03T12:00:00Z");
        parameters.put("windowTo", "2021-05-03T13:30:00Z");
        parameters.put("answerDeadline", "2021-05-03T11:20:00Z");
        parameters.put("answerToken", token);
        parameters.put("offerId", "offer-1");
        parameters.put("code", "48291377");
        parameters.put("accessCode", "7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BCE");
        parameters.put("reference", "7K3M-Q9XA");
        parameters.put("centrePhone", "069 90009-005");
        return parameters;
    }
}
