package de.nachruecker.faulttest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final String CODE_1 = "Nachrücker: Ihr Bestätigungscode lautet 123456.";
    private static final String CODE_2 = "Nachrücker: Ihr Bestätigungscode lautet 654321.";
    private static final String OFFER = "Nachrücker: Impfdosis frei … http://localhost:8081/offers/answer?token=abc";

    private final CitizenMessages messages = new CitizenMessages();

    @Test
    void twoNotificationsWhoseTextsCoincideAreNoDuplicate() {
        received(TOO_LATE, TOO_LATE);

        List<CitizenMessages.Duplicate> duplicates = duplicatesAmong(sent("too-late:offer-1", "TOO_LATE"),
                sent("too-late:offer-2", "TOO_LATE"));

        assertThat(messages.identicalTexts()).isEqualTo(1);
        assertThat(duplicates).isEmpty();
    }

    @Test
    void oneNotificationReceivedTwiceIsADuplicateOfItsKind() {
        received(OFFER, CONFIRMATION, CONFIRMATION);

        List<CitizenMessages.Duplicate> duplicates = duplicatesAmong(sent("offer:offer-1", "OFFER"),
                sent("confirmation:offer-1", "CONFIRMATION"));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
        assertThat(CitizenMessages.byKind(duplicates)).isEqualTo(Map.of("CONFIRMATION", 1));
        assertThat(duplicates.get(0).toString()).contains("confirmation:offer-1");
    }

    @Test
    void copiesBeyondTheNotificationsSentAreCountedEvenWhenTextsCoincide() {
        received(TOO_LATE, TOO_LATE, TOO_LATE);

        List<CitizenMessages.Duplicate> duplicates = duplicatesAmong(sent("too-late:offer-1", "TOO_LATE"),
                sent("too-late:offer-2", "TOO_LATE"));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
    }

    @Test
    void anSmsOfANotificationNotRecordedAsSentBySmsCountsAsDuplicate() {
        received(TOO_LATE);

        List<CitizenMessages.Duplicate> duplicates = duplicatesAmong(
                new CitizenMessages.Delivery("too-late:offer-1", CANDIDATE, "TOO_LATE", "FAILED", "SMS", 4),
                new CitizenMessages.Delivery("too-late:offer-1", "someone-else", "TOO_LATE", "SENT", "SMS", 1));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
    }

    @Test
    void aRepeatedTextOfUnknownKindCountsAsDuplicate() {
        received("Hallo", "Hallo", "Tschüss");

        assertThat(CitizenMessages.count(duplicatesAmong())).isEqualTo(1);
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

    @Test
    void oneVerificationCodeToANumberWhoseRegistrationWasLeftUnansweredIsExpectedASecondIsADuplicate() {
        String unanswered = "+4915290000007";
        String answered = "+4915290000008";
        String neverSent = "+4915290000009";
        messages.received(unanswered, CODE_1);
        messages.received(answered, CODE_1);
        messages.received(neverSent, CODE_1);

        List<CitizenMessages.Duplicate> one = messages.duplicates(phone -> null, Set.of(unanswered), List.of());
        messages.received(unanswered, CODE_2);
        List<CitizenMessages.Duplicate> two = messages.duplicates(phone -> null, Set.of(unanswered), List.of());

        assertThat(one).as("the unanswered registration's code is owed; a code to a number registered with an "
                + "answer (or never) that no delivery accounts for is not").extracting(CitizenMessages.Duplicate::phone)
                .containsExactlyInAnyOrder(answered, neverSent);
        assertThat(two).filteredOn(d -> d.phone().equals(unanswered)).singleElement()
                .satisfies(d -> assertThat(d.extra()).isEqualTo(1))
                .satisfies(d -> assertThat(d.toString()).contains("registration left unanswered"));
        assertThat(CitizenMessages.count(two)).isEqualTo(3);
    }

    @Test
    void aCandidateWeKnowGetsNoAllowanceForAnUnansweredRegistration() {
        received(CODE_1, CODE_2);

        List<CitizenMessages.Duplicate> duplicates = messages.duplicates(phone -> CANDIDATE, Set.of(PHONE),
                List.of(sent("verification:c-1", "VERIFICATION_CODE")));

        assertThat(CitizenMessages.count(duplicates)).isEqualTo(1);
    }

    /** The texts arrive on the one phone, in this order. */
    private void received(String... texts) {
        for (String text : texts) {
            messages.received(PHONE, text);
        }
    }

    /** The duplicates among what the phone received, given what the deliveries record (the phone is the candidate's). */
    private List<CitizenMessages.Duplicate> duplicatesAmong(CitizenMessages.Delivery... deliveries) {
        return messages.duplicates(phone -> CANDIDATE, Set.of(), List.of(deliveries));
    }

    private static CitizenMessages.Delivery sent(String notificationId, String template) {
        return new CitizenMessages.Delivery(notificationId, CANDIDATE, template, "SENT", "SMS", 1);
    }
}
