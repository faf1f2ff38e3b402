package de.nachruecker.faulttest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The citizens' phones: reads what the SMS gateway stand-in received ({@code GET /messages?since=N}), and answers
 * every offer at once through registration-service's answer API ({@code POST /api/offers/answer}) with the token
 * from the message's link: accept with the run's acceptance rate, else decline (seeded per token, so a run can be
 * repeated). Counts every message by recipient and text ({@link CitizenMessages}), so a message sent twice shows.
 */
final class AnsweringCitizens implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("/offers/answer\\?token=([A-Za-z0-9_-]+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * An offer the registration service has not consumed yet answers 404, a restarting service not at all: try again
     * for most of the 15-minute answer window, as a citizen would.
     */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final HttpClient http;
    private final String messagesUrl;
    private final String answerUrl;
    private final double acceptance;
    private final long seed;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
    /** Many citizens answer at once; each request may wait seconds for the decision, a retry waits its turn. */
    private final ScheduledExecutorService answering = Executors.newScheduledThreadPool(16);
    private final CitizenMessages messages = new CitizenMessages();
    private final Map<String, AtomicInteger> answerOutcomes = new ConcurrentHashMap<>();
    private final AtomicInteger offersReceived = new AtomicInteger();
    private final AtomicInteger answersInFlight = new AtomicInteger();
    /** The tokens of the answers registration-service acknowledged with 200. */
    private final Set<String> answersAcknowledged = ConcurrentHashMap.newKeySet();
    private int messagesRead;

    AnsweringCitizens(HttpClient http, String messagesUrl, String registrationUrl, double acceptance, long seed) {
        this.http = http;
        this.messagesUrl = messagesUrl;
        this.answerUrl = registrationUrl + "/api/offers/answer";
        this.acceptance = acceptance;
        this.seed = seed;
    }

    void start() {
        reader.scheduleWithFixedDelay(this::readNewMessages, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void readNewMessages() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(messagesUrl + "?since="
                    + messagesRead)).timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode message : json.readTree(response.body())) {
                messagesRead++;
                String body = message.path("body").asString();
                if (!messages.received(message.path("to").asString(), body)) {
                    continue; // the same text again is counted, not answered again
                }
                Matcher token = TOKEN.matcher(body);
                if (token.find()) {
                    offersReceived.incrementAndGet();
                    answersInFlight.incrementAndGet();
                    String answer = new Random(seed ^ token.group(1).hashCode()).nextDouble() < acceptance
                            ? "ACCEPT" : "DECLINE";
                    answering.execute(() -> answer(token.group(1), answer));
                }
            }
        } catch (IOException e) {
            // the stand-in runs in this JVM: a failed read is retried on the next tick
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(String token, String answer) {
        attempt(token, answer, Instant.now().plus(GIVE_UP_AFTER), "no answer");
    }

    /** 200 with the outcome; 409 answered already (a retry after a lost answer); 410 too late; else tried again. */
    private void attempt(String token, String answer, Instant deadline, String previous) {
        String last = previous;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(answerUrl))
                            .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"token\": \"" + token + "\", \"answer\": \"" + answer + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status == 200) {
                answersAcknowledged.add(token);
                decided(answer, json.readTree(response.body()).path("outcome").asString());
                return;
            }
            if (status == 409 || status == 410 || status == 400) {
                decided(answer, Integer.toString(status));
                return;
            }
            last = Integer.toString(status);
        } catch (IOException unavailable) {
            last = "unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (Instant.now().isAfter(deadline)) {
            decided(answer, "gave up (" + last + ")");
        } else {
            String lastSeen = last;
            answering.schedule(() -> attempt(token, answer, deadline, lastSeen), 1, TimeUnit.SECONDS);
        }
    }

    private void decided(String answer, String outcome) {
        answerOutcomes.computeIfAbsent(answer + " -> " + outcome, o -> new AtomicInteger()).incrementAndGet();
        answersInFlight.decrementAndGet();
    }

    int offersReceived() {
        return offersReceived.get();
    }

    int messagesRead() {
        return messages.total();
    }

    /** What reached the phones, for telling real duplicates from coinciding texts (see {@link CitizenMessages}). */
    CitizenMessages messages() {
        return messages;
    }

    /** The tokens of the answers registration-service acknowledged with 200: each must still be recorded. */
    Set<String> answersAcknowledged() {
        return Set.copyOf(answersAcknowledged);
    }

    boolean idle() {
        return answersInFlight.get() == 0;
    }

    Map<String, Integer> answerOutcomes() {
        Map<String, Integer> outcomes = new TreeMap<>();
        answerOutcomes.forEach((outcome, count) -> outcomes.put(outcome, count.get()));
        return outcomes;
    }

    @Override
    public void close() {
        reader.shutdownNow();
        answering.shutdownNow();
    }
}
