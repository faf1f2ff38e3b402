package de.nachruecker.faulttest;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Centre operators at work through slot-service's REST API while the platform fails underneath: publish releases
 * with an {@code Idempotency-Key} (a request whose answer was lost to a kill is sent again with the same key and
 * publishes once), and withdraw some of them. Signs in as the local profile's demo admin (HTTP Basic), which is
 * ignored while the API is still open.
 */
final class CentreOperator {

    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("admin:demo-password".getBytes(StandardCharsets.UTF_8));
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    /** A paused (kill -STOP) service accepts connections and never answers. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String slotUrl;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> published = ConcurrentHashMap.newKeySet();
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> doses = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();

    CentreOperator(HttpClient http, String slotUrl) {
        this.http = http;
        this.slotUrl = slotUrl;
    }

    /** A release candidates can reach: window from in 20 minutes to in 3 hours. Returns its id. */
    String publish(String centreId, int doseCount) throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return publish(centreId, doseCount, now.plus(Duration.ofMinutes(20)), now.plus(Duration.ofHours(3)));
    }

    /** A release whose vial runs out in {@code usableFor}: where nobody can come, it ends expired. */
    String publishExpiring(String centreId, int doseCount, Duration usableFor) throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return publish(centreId, doseCount, now.plus(Duration.ofSeconds(30)), now.plus(usableFor));
    }

    private String publish(String centreId, int doseCount, Instant from, Instant until) throws InterruptedException {
        String body = """
                {"centreId": "%s", "product": "COMIRNATY", "doseCount": %d,
                 "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}
                """.formatted(centreId, doseCount, from, until, until);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> response = sendUntilAnswered(() -> post("/api/releases", body)
                .header("Idempotency-Key", key).build());
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("publishing refused: " + response.statusCode() + " " + response.body());
        }
        String id = json.readTree(response.body()).path("id").asString();
        published.add(id);
        doses.put(id, doseCount);
        return id;
    }

    void withdraw(String releaseId) throws InterruptedException {
        HttpResponse<String> response = sendUntilAnswered(() -> post("/api/releases/" + releaseId + "/withdrawal",
                "{\"reason\": \"vial dropped (fault test)\"}").build());
        // 409: a retry after a lost answer finds it withdrawn already
        if (response.statusCode() != 200 && response.statusCode() != 409) {
            throw new IllegalStateException("withdrawal refused: " + response.statusCode() + " " + response.body());
        }
        withdrawn.add(releaseId);
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(slotUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** Retries while slot-service is down, restarting or answering 5xx; any other answer is final. */
    private HttpResponse<String> sendUntilAnswered(RequestFactory request) throws InterruptedException {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        while (true) {
            try {
                HttpResponse<String> response = http.send(request.create(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() < 500) {
                    return response;
                }
            } catch (IOException unavailable) {
                // killed, paused or starting: the same request again, the idempotency key makes it safe
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("slot-service unavailable for " + GIVE_UP_AFTER);
            }
            retries.incrementAndGet();
            Thread.sleep(500);
        }
    }

    List<String> published() {
        return List.copyOf(published);
    }

    Set<String> withdrawn() {
        return Set.copyOf(withdrawn);
    }

    int dosesPublished() {
        return doses.values().stream().mapToInt(Integer::intValue).sum();
    }

    int retries() {
        return retries.get();
    }

    @FunctionalInterface
    private interface RequestFactory {
        HttpRequest create();
    }
}
