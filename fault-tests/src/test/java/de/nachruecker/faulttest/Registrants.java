package de.nachruecker.faulttest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Citizens registering through registration-service's API while the faults happen, the database server's kill -9
 * among them: every registration answered 201 is remembered by its access token and must still be found afterwards
 * ({@code GET /api/registrations/me}), as the reported loss was checked.
 */
final class Registrants implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String registrationUrl;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService registering = Executors.newSingleThreadScheduledExecutor();
    /** Access token → candidate id of every acknowledged registration. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Phone number (E.164) → candidate id of every acknowledged registration: their verification SMS. */
    private final Map<String, String> candidateByPhone = new ConcurrentHashMap<>();
    /**
     * Numbers of registrations whose outcome the suite does not know (no answer, or a server error): the service may
     * have stored one before the answer was lost, and then its verification SMS goes out to a candidate the suite
     * cannot name.
     */
    private final Set<String> unknownOutcome = ConcurrentHashMap.newKeySet();
    /** Refusals by status ("unanswered" when none came), with the first answer of each, to tell why. */
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Map<String, String> firstRefusal = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();

    Registrants(HttpClient http, String registrationUrl) {
        this.http = http;
        this.registrationUrl = registrationUrl;
    }

    /** One registration every {@code every} until closed. */
    void start(Duration every) {
        registering.scheduleWithFixedDelay(this::registerOne, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void registerOne() {
        String phone = "+49152%08d".formatted(90_000_000 + sent.incrementAndGet());
        String body = """
                {"name": "Registrant Faulttest", "birthDate": "1950-01-01", "phone": "%s", "language": "de",
                 "priorityGroup": "HIGH", "centreIds": ["%s"], "maxTravelMinutes": 30, "consent": true}
                """.formatted(phone, Citizens.UNSERVED_CENTRE);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(registrationUrl + "/api/registrations")).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                JsonNode created = json.readTree(response.body());
                acknowledged.put(created.path("accessToken").asString(), created.path("candidateId").asString());
                candidateByPhone.put(phone, created.path("candidateId").asString());
            } else { // e.g. 503 while the database is down: not acknowledged, nothing owed
                if (response.statusCode() >= 500) {
                    unknownOutcome.add(phone);
                }
                refused(Integer.toString(response.statusCode()), response.body());
            }
        } catch (IOException unavailable) {
            unknownOutcome.add(phone);
            refused("unanswered", unavailable.toString());
        } catch (InterruptedException e) {
            // stopped while the request was under way: it may have been stored, and its code sent, all the same
            unknownOutcome.add(phone);
            Thread.currentThread().interrupt();
        }
    }

    /** The candidate registered with this number, or null (not one of these registrations, or not acknowledged). */
    String candidateOf(String phone) {
        return candidateByPhone.get(phone);
    }

    /** The numbers of registrations that got no answer or a server error (they may have been stored all the same). */
    Set<String> unknownOutcome() {
        return Set.copyOf(unknownOutcome);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    private void refused(String status, String answer) {
        refused.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        firstRefusal.putIfAbsent(status, answer.length() > 300 ? answer.substring(0, 300) + "…" : answer);
    }

    /** Refusals by status, each with its first answer (test data only, no real person's). */
    String refusals() {
        Map<String, String> shown = new TreeMap<>();
        refused.forEach((status, count) -> shown.put(status, count.get() + " (first: " + firstRefusal.get(status)
                + ")"));
        return shown.toString();
    }

    /** The acknowledged registrations that can no longer be found with their access token. */
    List<String> lost() throws InterruptedException {
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> registration : acknowledged.entrySet()) {
            int status = statusOfMine(registration.getKey());
            if (status != 200) {
                lost.add("registration " + registration.getValue() + " was acknowledged (201) but GET "
                        + "/api/registrations/me answers " + status);
            }
        }
        return lost;
    }

    private int statusOfMine(String token) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(registrationUrl + "/api/registrations/me"))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (attempt == 2) {
                    return -1;
                }
            }
        }
    }

    /** No more registrations: the faults are over, what was acknowledged is checked next. */
    void stop() {
        registering.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }
}
