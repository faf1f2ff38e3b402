package de.nachruecker.load.sim;

import de.nachruecker.load.http.PlatformHttp;
import de.nachruecker.load.http.SmsGatewayStandIn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The candidates' side: reads the offer SMS at the gateway stand-in, and answers through registration-service's
 * answer API ({@code POST /api/offers/answer}) as the scenario says: accept, decline or ignore, after a delay counted
 * from the SMS's arrival. Remembers whom the platform told "confirmed" (answer outcome or confirmation SMS).
 */
final class AnsweringCandidates implements AutoCloseable {

    private static final List<String> CONFIRMATION_SMS = List.of("Termin bestätigt", "Appointment confirmed");

    private final PlatformHttp http;
    private final String answerUrl;
    private final SmsGatewayStandIn gateway;
    private final Map<String, String> candidateByPhone;
    private final Scenario.Answers behaviour;
    private final SimClock clock;
    private final Random random;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final Set<String> toldConfirmed = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    private int seen;

    AnsweringCandidates(PlatformHttp http, String registrationUrl, SmsGatewayStandIn gateway,
                        Map<String, String> candidateByPhone, Scenario.Answers behaviour, SimClock clock, long seed) {
        this.http = http;
        this.answerUrl = registrationUrl + "/api/offers/answer";
        this.gateway = gateway;
        this.candidateByPhone = Map.copyOf(candidateByPhone);
        this.behaviour = behaviour;
        this.clock = clock;
        this.random = new Random(seed);
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::readNewMessages, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void readNewMessages() {
        try {
            List<SmsGatewayStandIn.Sms> messages = gateway.messages();
            for (SmsGatewayStandIn.Sms sms : messages.subList(seen, messages.size())) {
                String candidate = candidateByPhone.get(sms.to());
                if (candidate == null) {
                    continue;
                }
                if (CONFIRMATION_SMS.stream().anyMatch(sms.body()::contains)) {
                    toldConfirmed.add(candidate);
                }
                sms.answerToken().ifPresent(token -> decide(candidate, token, sms.receivedAt()));
            }
            seen = messages.size();
        } catch (Exception e) {
            System.out.println("[load-tools] reading the SMS stand-in failed, retrying: " + e);
        }
    }

    private void decide(String candidate, String token, Instant received) {
        double roll = random.nextDouble();
        if (roll >= behaviour.accept() + behaviour.decline()) {
            outcomes.merge("IGNORED", 1, Integer::sum);
            return;
        }
        String answer = roll < behaviour.accept() ? "ACCEPT" : "DECLINE";
        List<Integer> delay = behaviour.delayMinutes();
        Duration dayDelay = Duration.ofSeconds(60L * delay.get(0)
                + (long) (random.nextDouble() * 60 * (delay.get(1) - delay.get(0))));
        long wait = Duration.between(Instant.now(), received.plus(clock.real(dayDelay))).toMillis();
        scheduler.schedule(() -> answer(candidate, token, answer), Math.max(0, wait), TimeUnit.MILLISECONDS);
    }

    private void answer(String candidate, String token, String answer) {
        http.post(answerUrl, Map.of("token", token, "answer", answer)).thenAccept(response -> {
            String outcome = response.statusCode() == 200
                    ? http.read(response, Outcome.class).outcome()
                    : "HTTP " + response.statusCode();
            outcomes.merge(answer + " → " + outcome, 1, Integer::sum);
            if ("CONFIRMED".equals(outcome)) {
                toldConfirmed.add(candidate);
            }
        });
    }

    record Outcome(String outcome) {
    }

    Set<String> toldConfirmed() {
        return Set.copyOf(toldConfirmed);
    }

    Map<String, Integer> outcomes() {
        return new TreeMap<>(outcomes);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
