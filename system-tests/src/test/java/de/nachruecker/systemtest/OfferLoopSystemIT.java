package de.nachruecker.systemtest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop over the real platform, as a citizen and an operator live it: register, verify the phone with the
 * code from the SMS, a dose is freed, the offer SMS links to the answer page, the answer is given there, and the
 * outcome shows on the page and arrives as a message. Only HTTP from outside, as a person would use it; the SMS
 * gateway stand-in of the platform shows what was sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class OfferLoopSystemIT {

    private static final String REGISTRATION = "http://localhost:8081";
    private static final String SLOTS = "http://localhost:8082";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/offers/answer\\?token=([A-Za-z0-9_-]+))");
    private static final Duration MESSAGE_WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private LocalPlatformProcess platform;

    @BeforeAll
    void startPlatform() throws Exception {
        platform = LocalPlatformProcess.shared();
    }

    /** A verified candidate as the citizen knows it: the phone, and the link of the offer once it came. */
    record Citizen(String phone, String accessToken) {
    }

    @Test
    void registerVerifyReleaseOfferAcceptAndTheConfirmationArrives() throws Exception {
        Citizen citizen = registerAndVerify("Otto Nachrücker", "1948-02-11", "+4915123456711", "fulda");

        release("fulda", 1);
        String link = offerLinkTo(citizen);

        HttpResponse<String> page = get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Zusagen", "Absagen");
        assertThat(get(link).statusCode()).as("reading the page again changes nothing").isEqualTo(200);

        HttpResponse<String> answered = answer(link, "ACCEPT");
        assertThat(answered.statusCode()).isEqualTo(200);
        awaitOutcome(link, answered, "outcome-confirmed");

        String confirmation = awaitMessageTo(citizen.phone(), body -> body.contains("Termin bestätigt"));
        assertThat(confirmation).contains("Fulda");
        assertThat(answer(link, "ACCEPT").statusCode()).as("the link works once").isEqualTo(409);
    }

    @Test
    void whenTheFirstOfferedDeclinesTheOtherCandidateGetsTheDose() throws Exception {
        Citizen first = registerAndVerify("Erna Erstmann", "1941-07-03", "+4915123456712", "marburg");
        Citizen second = registerAndVerify("Zora Zweitmann", "1952-11-23", "+4915123456713", "marburg");

        release("marburg", 1);
        // waves may offer both at once (the allocation service plans for declines); who got an offer first declines
        AtomicReference<Citizen> offeredFirst = new AtomicReference<>();
        await("an offer SMS to one of the two").atMost(MESSAGE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    for (Citizen citizen : List.of(first, second)) {
                        if (offerLink(citizen).isPresent()) {
                            offeredFirst.set(citizen);
                            return true;
                        }
                    }
                    return false;
                });
        Citizen decliner = offeredFirst.get();
        Citizen other = decliner == first ? second : first;

        String declinedLink = offerLinkTo(decliner);
        HttpResponse<String> declined = answer(declinedLink, "DECLINE");
        assertThat(declined.statusCode()).isEqualTo(200);
        awaitOutcome(declinedLink, declined, "outcome-declined");

        String otherLink = offerLinkTo(other);
        HttpResponse<String> accepted = answer(otherLink, "ACCEPT");
        assertThat(accepted.statusCode()).isEqualTo(200);
        awaitOutcome(otherLink, accepted, "outcome-confirmed");
        awaitMessageTo(other.phone(), body -> body.contains("Termin bestätigt"));
    }

    private Citizen registerAndVerify(String name, String birthDate, String phone, String centre) throws Exception {
        String body = """
                {"name": "%s", "birthDate": "%s", "phone": "%s", "language": "de", "priorityGroup": "HIGHEST",
                 "centreIds": ["%s"], "maxTravelMinutes": 20, "consent": true}
                """.formatted(name, birthDate, phone, centre);
        HttpResponse<String> created = postJson(REGISTRATION + "/api/registrations", body, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String token = json.readTree(created.body()).path("accessToken").asString();

        String sms = awaitMessageTo(phone, text -> CODE.matcher(text).find());
        Matcher code = CODE.matcher(sms);
        assertThat(code.find()).isTrue();
        HttpResponse<String> verified = postJson(REGISTRATION + "/api/registrations/me/verification",
                "{\"code\": \"" + code.group(1) + "\"}", token);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json.readTree(verified.body()).path("verified").asBoolean()).isTrue();
        return new Citizen(phone, token);
    }

    private void release(String centre, int doses) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"centreId": "%s", "product": "COMIRNATY", "doseCount": %d,
                 "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}
                """.formatted(centre, doses, now.plus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)),
                now.plus(Duration.ofHours(3)));
        HttpResponse<String> response = postJson(SLOTS + "/api/releases", body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private String offerLinkTo(Citizen citizen) {
        return await("offer SMS to " + citizen.phone()).atMost(MESSAGE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> offerLink(citizen), Optional::isPresent).orElseThrow();
    }

    private Optional<String> offerLink(Citizen citizen) throws Exception {
        for (String body : messagesTo(citizen.phone())) {
            Matcher link = LINK.matcher(body);
            if (link.find()) {
                return Optional.of(link.group(1));
            }
        }
        return Optional.empty();
    }

    /** Waits until the page shows the decision: at once after the answer, or after the page's own reloads. */
    private void awaitOutcome(String link, HttpResponse<String> answered, String outcomeId) {
        if (answered.body().contains(outcomeId)) {
            return;
        }
        assertThat(answered.body()).contains("outcome-pending", "http-equiv=\"refresh\"");
        await(outcomeId + " on " + link).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(link).body().contains(outcomeId));
    }

    private String awaitMessageTo(String phone, Predicate<String> wanted) {
        return await("SMS to " + phone).atMost(MESSAGE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> messagesTo(phone).stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private List<String> messagesTo(String phone) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (JsonNode message : json.readTree(get(platform.smsMessagesUrl()).body())) {
            if (phone.equals(message.path("to").asString())) {
                bodies.add(message.path("body").asString());
            }
        }
        return bodies;
    }

    private HttpResponse<String> answer(String link, String answer) throws Exception {
        String token = link.substring(link.indexOf("token=") + "token=".length());
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&answer=" + answer;
        return http.send(HttpRequest.newBuilder(URI.create(REGISTRATION + "/offers/answer"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postJson(String url, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
