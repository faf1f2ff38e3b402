package de.nachruecker.systemtest;

import de.nachruecker.systemtest.PlatformActions.Citizen;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop over the real platform, as a citizen and an operator live it: register, verify the phone with the
 * code from the SMS, a dose is freed, the offer SMS links to the answer page, the answer is given there, and the
 * outcome shows on the page and arrives as a message. Only HTTP from outside, as a person would use it; the SMS
 * gateway stand-in of the platform shows what was sent. Releases are published with staff credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class OfferLoopSystemIT {

    private PlatformActions platform;

    @BeforeAll
    void startPlatform() throws Exception {
        platform = new PlatformActions(LocalPlatformProcess.shared());
    }

    @Test
    void registerVerifyReleaseOfferAcceptAndTheConfirmationArrives() throws Exception {
        Citizen citizen = platform.registerAndVerify("Otto Nachrücker", "1948-02-11", "+4915123456711", null,
                "fulda");

        platform.release("fulda", 1);
        String link = platform.offerLinkTo(citizen);

        PlatformActions.AnswerPage page = platform.openAnswerPage(link);
        assertThat(page.page().statusCode()).isEqualTo(200);
        assertThat(page.page().body()).contains("Zusagen", "Absagen");
        assertThat(platform.get(link).statusCode()).as("reading the page again changes nothing").isEqualTo(200);

        HttpResponse<String> answered = page.submit("ACCEPT");
        assertThat(answered.statusCode()).isEqualTo(200);
        platform.awaitOutcome(link, answered, "outcome-confirmed");

        String confirmation = platform.awaitMessageTo(citizen.phone(), body -> body.contains("Termin bestätigt"));
        assertThat(confirmation).contains("Fulda");
        assertThat(page.submit("ACCEPT").statusCode()).as("the link works once").isEqualTo(409);
    }

    /**
     * An operator's request id follows the release from slot-service through allocation-service, which consumes a poll
     * of releases at a time: the release, its offer and the request to notify the citizen all carry it.
     */
    @Test
    void aReleasesCorrelationIdFollowsItToTheRequestToNotify() throws Exception {
        Citizen citizen = platform.registerAndVerify("Paula Spur", "1950-03-03", "+4915123456733", null,
                "wiesbaden");
        String correlationId = "system-test-" + UUID.randomUUID();

        String releaseId = platform.release("wiesbaden", 1, correlationId);
        platform.offerLinkTo(citizen);

        try (PlatformTopics topics = new PlatformTopics(LocalPlatformProcess.shared())) {
            assertThat(topicsCarrying(topics, correlationId)).containsExactly("dose-releases", "offers",
                    "notification-requests");
            assertThat(topics.readAll("offers")).filteredOn(r -> correlationId.equals(header(r)))
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .anySatisfy(offer -> assertThat(offer).contains("OfferMade", releaseId));
        }
    }

    private static List<String> topicsCarrying(PlatformTopics topics, String correlationId) {
        return Stream.of("dose-releases", "offers", "notification-requests")
                .filter(topic -> topics.readAll(topic).stream().anyMatch(r -> correlationId.equals(header(r))))
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("correlation-id");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The same loop for someone with only a landline: the code is read out by a call, the offer is a call, key 1 on
     * it accepts (the voice stand-in posts it to registration-service like Twilio), the caller hears the outcome and a
     * confirmation call follows. No SMS ever goes to the landline.
     */
    @Test
    void aLandlineIsCalledForTheCodeAndTheOfferAndKeyOneConfirms() throws Exception {
        Citizen citizen = platform.registerAndVerifyLandline("Karl Festnetz", "1936-05-17", "05631 765432",
                "schwalmstadt");

        platform.release("schwalmstadt", 1);
        JsonNode offerCall = platform.awaitCallTo(citizen.phone(), said -> said.contains("Drücken Sie die 1"));
        assertThat(offerCall.path("said").toString()).contains("für Karl F.", "Comirnaty");
        assertThat(offerCall.path("waitingForKey").asBoolean()).isTrue();

        JsonNode repeated = platform.pressKey(offerCall, "9");
        assertThat(repeated.path("keys").get(0).path("said").toString()).contains("Comirnaty", "Drücken Sie die 1");
        JsonNode accepted = platform.pressKey(offerCall, "1");
        assertThat(accepted.path("keys").get(1).path("status").asInt()).isEqualTo(200);
        assertThat(accepted.path("keys").get(1).path("said").toString()).containsAnyOf("Zusage ist bestätigt",
                "Zusage ist eingegangen");
        assertThat(accepted.path("waitingForKey").asBoolean()).as("the call says goodbye").isFalse();

        JsonNode confirmation = platform.awaitCallTo(citizen.phone(), said -> said.contains("Termin bestätigt"));
        assertThat(confirmation.path("said").toString()).contains("Schwalmstadt");
        assertThat(confirmation.path("waitingForKey").asBoolean()).isFalse();
        assertThat(platform.messagesTo(citizen.phone())).as("a landline gets no SMS").isEmpty();
    }

    @Test
    void whenTheFirstOfferedDeclinesTheOtherCandidateGetsTheDose() throws Exception {
        Citizen first = platform.registerAndVerify("Erna Erstmann", "1941-07-03", "+4915123456712", null, "marburg");
        Citizen second = platform.registerAndVerify("Zora Zweitmann", "1952-11-23", "+4915123456713", null,
                "marburg");

        platform.release("marburg", 1);
        // waves may offer both at once (the allocation service plans for declines); who got an offer first declines
        AtomicReference<Citizen> offeredFirst = new AtomicReference<>();
        await("an offer SMS to one of the two").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    for (Citizen citizen : List.of(first, second)) {
                        if (platform.offerLink(citizen).isPresent()) {
                            offeredFirst.set(citizen);
                            return true;
                        }
                    }
                    return false;
                });
        Citizen decliner = offeredFirst.get();
        Citizen other = decliner == first ? second : first;

        String declinedLink = platform.offerLinkTo(decliner);
        HttpResponse<String> declined = platform.answer(declinedLink, "DECLINE");
        assertThat(declined.statusCode()).isEqualTo(200);
        platform.awaitOutcome(declinedLink, declined, "outcome-declined");

        String otherLink = platform.offerLinkTo(other);
        HttpResponse<String> accepted = platform.answer(otherLink, "ACCEPT");
        assertThat(accepted.statusCode()).isEqualTo(200);
        platform.awaitOutcome(otherLink, accepted, "outcome-confirmed");
        platform.awaitMessageTo(other.phone(), body -> body.contains("Termin bestätigt"));
    }

    /**
     * After the yes: the reference in the SMS is the one on the citizen's status and the one the operator looks up;
     * the citizen cancels, the operator sees it, and the dose goes back to its release.
     */
    @Test
    void theConfirmedCitizenCancelsAndTheOperatorAndAllocationSeeIt() throws Exception {
        Citizen citizen = platform.registerAndVerify("Clara Absagerin", "1946-05-17", "+4915123456714", null,
                "giessen");
        String releaseId = platform.release("giessen", 1);
        String link = platform.offerLinkTo(citizen);
        platform.awaitOutcome(link, platform.answer(link, "ACCEPT"), "outcome-confirmed");

        String sms = platform.awaitMessageTo(citizen.phone(), body -> body.contains("Termin bestätigt"));
        Matcher inSms = Pattern.compile("Referenz: ([0-9A-Z]{4}-[0-9A-Z]{4})\\.").matcher(sms);
        assertThat(inSms.find()).as(sms).isTrue();
        String reference = inSms.group(1);
        assertThat(sms).contains("Tel. +49 30 23125 004", "/me/appointment/cancel");

        HttpResponse<String> me = platform.send(HttpRequest.newBuilder(
                URI.create(platform.registration() + "/api/registrations/me"))
                .header("Authorization", "Bearer " + citizen.accessToken()).GET());
        assertThat(me.body()).contains("\"reference\":\"" + reference + "\"", "\"centrePhone\":\"+49 30 23125 004\"");
        String appointments = platform.slots() + "/api/releases/" + releaseId + "/appointments";
        assertThat(staffGet(appointments, Staff.ADMIN).body()).contains("\"reference\":\"" + reference + "\"");

        HttpResponse<String> cancelled = platform.send(HttpRequest.newBuilder(
                        URI.create(platform.registration() + "/api/registrations/me/appointment/cancellation"))
                .header("Authorization", "Bearer " + citizen.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stayOnList\": true}")));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        await("the operator sees the cancellation").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> staffGet(appointments, Staff.ADMIN).body().contains("\"cancelledAt\""));
        await("the dose is back on the release").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> staffGet(platform.services().get("allocation-service") + "/api/ops/releases/"
                        + releaseId + "/audit", Staff.OPS).body().contains("\"CANCELLED\""));
    }

    private HttpResponse<String> staffGet(String url, Staff staff) throws Exception {
        return platform.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", staff.authorization())
                .GET());
    }
}
