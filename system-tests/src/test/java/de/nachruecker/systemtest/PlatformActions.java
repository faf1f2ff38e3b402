package de.nachruecker.systemtest;

import de.nachruecker.platform.PlatformEndpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.CookieManager;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What citizens and operators do on the running platform, only over HTTP from outside as a person would; the SMS
 * gateway stand-in shows what was sent to a phone.
 */
final class PlatformActions {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern SPOKEN_CODE = Pattern.compile("(\\d(?:, \\d){5})");
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/offers/answer\\?token=([A-Za-z0-9_-]+))");
    private static final Pattern FORM = Pattern.compile("<form[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input[^>]*>");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Duration MESSAGE_WAIT = Duration.ofSeconds(60);

    private final LocalPlatformProcess platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    PlatformActions(LocalPlatformProcess platform) {
        this.platform = platform;
    }

    /** Base URL of registration-service (citizens' pages and API). */
    String registration() {
        return platform.endpoints().registrationUrl();
    }

    /** Base URL of slot-service (operators' pages and API). */
    String slots() {
        return platform.endpoints().slotUrl();
    }

    /** Base URLs of the four services by module name. */
    Map<String, String> services() {
        PlatformEndpoints endpoints = platform.endpoints();
        return Map.of("registration-service", endpoints.registrationUrl(), "slot-service", endpoints.slotUrl(),
                "allocation-service", endpoints.allocationUrl(), "notification-service", endpoints.notificationUrl());
    }

    /** A candidate as the citizen knows it: the phone, the token the registration returned, and the id. */
    record Citizen(String phone, String accessToken, String candidateId) {
    }

    /** Registers through the API and verifies the phone with the code that arrived by SMS. */
    Citizen registerAndVerify(String name, String birthDate, String phone, String email, String centre)
            throws Exception {
        String body = """
                {"name": "%s", "birthDate": "%s", "phone": "%s", %s"language": "de", "priorityGroup": "HIGHEST",
                 "centreIds": ["%s"], "maxTravelMinutes": 20, "consent": true}
                """.formatted(name, birthDate, phone, email == null ? "" : "\"email\": \"" + email + "\", ",
                centre);
        HttpResponse<String> created = send(json(registration() + "/api/registrations", "POST", body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode registration = json.readTree(created.body());
        String token = registration.path("accessToken").asString();
        String candidateId = registration.path("candidateId").asString();

        String sms = awaitMessageTo(phone, text -> CODE.matcher(text).find());
        Matcher code = CODE.matcher(sms);
        assertThat(code.find()).isTrue();
        HttpResponse<String> verified = send(json(registration() + "/api/registrations/me/verification", "POST",
                "{\"code\": \"" + code.group(1) + "\"}").header("Authorization", "Bearer " + token));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json.readTree(verified.body()).path("verified").asBoolean()).isTrue();
        return new Citizen(phone, token, candidateId);
    }

    /**
     * Registers a landline through the API and verifies it with the code the verification call read out (digit by
     * digit, as the voice stand-in recorded it).
     */
    Citizen registerAndVerifyLandline(String name, String birthDate, String landline, String centre)
            throws Exception {
        String body = """
                {"name": "%s", "birthDate": "%s", "phone": "%s", "phoneKind": "LANDLINE", "language": "de",
                 "priorityGroup": "HIGHEST", "centreIds": ["%s"], "maxTravelMinutes": 20, "consent": true}
                """.formatted(name, birthDate, landline, centre);
        HttpResponse<String> created = send(json(registration() + "/api/registrations", "POST", body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode registration = json.readTree(created.body());
        String token = registration.path("accessToken").asString();
        String e164 = "+49" + landline.replaceAll("\\D", "").substring(1);

        String code = codeReadIn(awaitCallTo(e164, said -> said.contains("Bestätigungscode")));
        HttpResponse<String> verified = send(json(registration() + "/api/registrations/me/verification", "POST",
                "{\"code\": \"" + code + "\"}").header("Authorization", "Bearer " + token));
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        return new Citizen(e164, token, registration.path("candidateId").asString());
    }

    /** The 6 digits a verification call reads ("4, 0, 7, 1, 1, 3"). */
    static String codeReadIn(JsonNode call) {
        Matcher digits = SPOKEN_CODE.matcher(call.path("said").get(0).asString());
        assertThat(digits.find()).as("a code read digit by digit in %s", call.path("said")).isTrue();
        return digits.group(1).replace(", ", "");
    }

    /** Waits for a call to {@code phone} (E.164) whose speech satisfies {@code wanted}; the voice stand-in's record. */
    JsonNode awaitCallTo(String phone, Predicate<String> wanted) {
        return await("call to " + phone).atMost(MESSAGE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> callsTo(phone).stream().filter(call -> wanted.test(call.path("said").toString()))
                        .findFirst(), Optional::isPresent).orElseThrow();
    }

    List<JsonNode> callsTo(String phone) throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode call : json.readTree(get(platform.endpoints().voiceCallsUrl()).body())) {
            if (phone.equals(call.path("to").asString())) {
                calls.add(call);
            }
        }
        return calls;
    }

    /**
     * Presses a key on a call through the voice stand-in, which posts it to the call's key-press URL like Twilio
     * does; returns the call with what was answered ({@code keys[].said}).
     */
    JsonNode pressKey(JsonNode call, String key) throws Exception {
        HttpResponse<String> pressed = send(HttpRequest.newBuilder(URI.create(platform.endpoints().voiceCallsUrl()
                        + "/" + call.path("sid").asString() + "/digits"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Digits=" + key)));
        assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
        return json.readTree(pressed.body());
    }

    /** The centre's operator publishes freed doses usable for the next hours; returns the release id. */
    String release(String centre, int doses) throws Exception {
        return release(centre, doses, null);
    }

    /** As {@link #release(String, int)}, the request carrying {@code correlationId} (as a gateway would set it). */
    String release(String centre, int doses, String correlationId) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body = """
                {"centreId": "%s", "product": "COMIRNATY", "doseCount": %d,
                 "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}
                """.formatted(centre, doses, now.plus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)),
                now.plus(Duration.ofHours(3)));
        HttpRequest.Builder request = json(slots() + "/api/releases", "POST", body)
                .header("Authorization", Staff.publisherFor(centre).authorization());
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asString();
    }

    /** The citizen withdraws: all personal data is to be erased. */
    void withdraw(Citizen citizen) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(registration() + "/api/registrations/me"))
                .header("Authorization", "Bearer " + citizen.accessToken()).DELETE());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    String offerLinkTo(Citizen citizen) {
        return await("offer SMS to " + citizen.phone()).atMost(MESSAGE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> offerLink(citizen), Optional::isPresent).orElseThrow();
    }

    Optional<String> offerLink(Citizen citizen) throws Exception {
        for (String body : messagesTo(citizen.phone())) {
            Matcher link = LINK.matcher(body);
            if (link.find()) {
                return Optional.of(link.group(1));
            }
        }
        return Optional.empty();
    }

    /** Answers as a browser does: opens the page the offer link leads to and submits the chosen answer's form. */
    HttpResponse<String> answer(String link, String answer) throws Exception {
        return openAnswerPage(link).submit(answer);
    }

    AnswerPage openAnswerPage(String link) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new AnswerPage(browser, page);
    }

    /** The answer page in one browser session: its forms can be submitted (again, like a double click). */
    record AnswerPage(HttpClient browser, HttpResponse<String> page) {

        /** Submits the form of {@code answer} with all its hidden fields (token, language, CSRF token). */
        HttpResponse<String> submit(String answer) throws Exception {
            Map<String, String> fields = formFields(page.body(), answer);
            assertThat(fields).as("the page offers the answer %s", answer).isNotEmpty();
            String form = fields.entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return browser.send(HttpRequest.newBuilder(page.uri().resolve("/offers/answer"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private static Map<String, String> formFields(String html, String answer) {
            Matcher form = FORM.matcher(html);
            while (form.find()) {
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher input = INPUT.matcher(form.group(1));
                while (input.find()) {
                    Matcher name = NAME.matcher(input.group());
                    Matcher value = VALUE.matcher(input.group());
                    if (name.find()) {
                        fields.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
                    }
                }
                if (answer.equals(fields.get("answer"))) {
                    return fields;
                }
            }
            return Map.of();
        }

        private static String unescape(String attribute) {
            return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&");
        }
    }

    /** Waits until the page shows the decision: at once after the answer, or after the page's own reloads. */
    void awaitOutcome(String link, HttpResponse<String> answered, String outcomeId) {
        if (answered.body().contains(outcomeId)) {
            return;
        }
        assertThat(answered.body()).contains("outcome-pending", "http-equiv=\"refresh\"");
        await(outcomeId + " on " + link).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(link).body().contains(outcomeId));
    }

    String awaitMessageTo(String phone, Predicate<String> wanted) {
        return await("SMS to " + phone).atMost(MESSAGE_WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> messagesTo(phone).stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    List<String> messagesTo(String phone) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (JsonNode message : json.readTree(get(platform.smsMessagesUrl()).body())) {
            if (phone.equals(message.path("to").asString())) {
                bodies.add(message.path("body").asString());
            }
        }
        return bodies;
    }

    HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder json(String url, String method, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
}
