package de.nachruecker.faulttest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CitizenMessagesTest {

    private static final String PHONE = "+4915100000001";
    private static final String CANDIDATE = "c-1";
    /** Two releases published at one centre in the same minute: their too-late notes read alike. */
    private static final String TOO_LATE = "Nachrücker: Ihre Antwort auf das Angebot für COMIRNATY am Mo., 23.11., "
            + "16:20-19:00 Uhr im Impfzentrum Kassel kam zu spät, die Dosis ist vergeben. Sie behalten Ihren Platz "
            + "auf der Warteliste.";
    private static final String CONFIRMATION = "Nachrücker: Termin bestätigt: Impfzentrum Kassel, Beispielstraße 1, "
            + "Mo., 23.11., 16:20-19:00 Uhr. Bitte Ausweis, Impfpass und Versichertenkarte mitbringen.";
    private static final String OFFER = "Nachrücker: Impfdosis frei … http://localhost:8081/offers/answer?token=abc";

    private final CitizenMessages messages = new CitizenMessages();

    @Test
    void twoNotificationsWhoseTextsCoincideAreNoDuplicate() {
        messages.received(PHONE, TOO_LATE);
        messages.received(PHONE, TOO_LATE);

        List<CitizenMessages.Duplicate> duplicates = messages.duplicates(phone -> CANDIDATE, List.of(
                sent("too-late:offer-1", "TOO_LATE"), sent("too-late:offer-2", "TOO_LATE")));

        assertThat(messages.identicalTexts()).isEqualTo(1);
        assertThat(duplicates).isEmpty();
    }

    @Test
    void oneNotificationReceivedTwiceIsADuplicateOfItsKind() {
        messages.received(PHONE, OFFER);
        messages.received(PHONE, CONFIRMATION);
        messages.received(PHONE, CONFIRMATION);

        List<CitizenMessages.Duplicate> duplicates = messages.duplicates(phone -> CANDIDATE, List.of(
                sent("offer:offer-1", "OFFER"), sent("confirmation:offer-1", "CONFIRMATION")));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
        assertThat(CitizenMessages.byKind(duplicates)).isEqualTo(Map.of("CONFIRMATION", 1));
        assertThat(duplicates.get(0).toString()).contains("confirmation:offer-1");
    }

    @Test
    void copiesBeyondTheNotificationsSentAreCountedEvenWhenTextsCoincide() {
        messages.received(PHONE, TOO_LATE);
        messages.received(PHONE, TOO_LATE);
        messages.received(PHONE, TOO_LATE);

        List<CitizenMessages.Duplicate> duplicates = messages.duplicates(phone -> CANDIDATE, List.of(
                sent("too-late:offer-1", "TOO_LATE"), sent("too-late:offer-2", "TOO_LATE")));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
    }

    @Test
    void anSmsOfANotificationNotRecordedAsSentBySmsCountsAsDuplicate() {
        messages.received(PHONE, TOO_LATE);

        List<CitizenMessages.Duplicate> duplicates = messages.duplicates(phone -> CANDIDATE, List.of(
                new CitizenMessages.Delivery("too-late:offer-1", CANDIDATE, "TOO_LATE", "FAILED", "SMS", 4),
                new CitizenMessages.Delivery("too-late:offer-1", "someone-else", "TOO_LATE", "SENT", "SMS", 1)));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
    }

    @Test
    void aRepeatedTextOfUnknownKindCountsAsDuplicate() {
        messages.received(PHONE, "Hallo");
        messages.received(PHONE, "Hallo");
        messages.received(PHONE, "Tschüss");

        assertThat(CitizenMessages.count(messages.duplicates(phone -> CANDIDATE, List.of()))).isEqualTo(1);
        assertThat(messages.total()).isEqualTo(3);
    }

    @Test
    void tellsTheKindsApartByText() {
        assertThat(CitizenMessages.Kind.of(OFFER)).isEqualTo(CitizenMessages.Kind.OFFER);
        assertThat(CitizenMessages.Kind.of(CONFIRMATION)).isEqualTo(CitizenMessages.Kind.CONFIRMATION);
        assertThat(CitizenMessages.Kind.of(TOO_LATE)).isEqualTo(CitizenMessages.Kind.TOO_LATE);
        assertThat(CitizenMessages.Kind.of("Nachrücker: Die Impfdosis ist leider schon vergeben. Sie behalten Ihren "
                + "Platz auf der Warteliste.")).isEqualTo(CitizenMessages.Kind.TOO_LATE);
        assertThat(CitizenMessages.Kind.of("Nachrücker: Appointment confirmed: Kassel"))
                .isEqualTo(CitizenMessages.Kind.CONFIRMATION);
    }

    private static CitizenMessages.Delivery sent(String notificationId, String template) {
        return new CitizenMessages.Delivery(notificationId, CANDIDATE, template, "SENT", "SMS", 1);
    }
}
