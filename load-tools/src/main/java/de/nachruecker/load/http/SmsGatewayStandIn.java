package de.nachruecker.load.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the local platform's SMS gateway stand-in received ({@code GET /messages}), in order of receipt. */
public final class SmsGatewayStandIn {

    private static final Pattern ANSWER_TOKEN = Pattern.compile("/offers/answer\\?token=([A-Za-z0-9_-]+)");

    /** Messages per request. */
    private static final int PAGE = 2_000;

    private final PlatformHttp http;
    private final String messagesUrl;
    private final List<Sms> received = new ArrayList<>();

    public SmsGatewayStandIn(PlatformHttp http, String baseUrl) {
        this.http = http;
        this.messagesUrl = baseUrl + "/messages";
    }

    /** One SMS as the gateway took it; {@code receivedAt} is the gateway's clock (this machine's). */
    public record Sms(String sid, String to, String body, Instant receivedAt) {

        /** The answer token of an offer SMS (its only link); empty for every other message. */
        public Optional<String> answerToken() {
            Matcher matcher = ANSWER_TOKEN.matcher(body);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
    }

    /**
     * Everything received so far. Each call fetches only what is new ({@code ?since=}), a page at a time: a full
     * listing of a long run is tens of megabytes of JSON, and building it in one response starved the stand-in's small
     * heap until the request timed out. Fails when the stand-in's ring dropped messages before they were read, rather
     * than count a run short: call it often enough during a long run ({@link #keepReading}).
     */
    public synchronized List<Sms> messages() throws IOException, InterruptedException {
        int read;
        do {
            var response = http.get(messagesUrl + "?since=" + received.size() + "&limit=" + PAGE);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + messagesUrl + " answered " + response.statusCode());
            }
            long first = response.headers().firstValueAsLong("X-First-Message").orElse(received.size());
            if (first != received.size()) {
                throw new IllegalStateException("the SMS stand-in dropped " + (first - received.size())
                        + " messages before they were read: read them more often");
            }
            List<Sms> page = Arrays.asList(http.read(response, Sms[].class));
            received.addAll(page);
            read = page.size();
        } while (read == PAGE);
        return List.copyOf(received);
    }

    /**
     * Reads what is new every {@code interval} until the returned action is run, so that the stand-in's ring never
     * drops a message of a run longer than it holds. A failed read is left to the next call, which reads again and
     * throws what still fails.
     */
    public Runnable keepReading(Duration interval) {
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sms-stand-in-reader");
            thread.setDaemon(true);
            return thread;
        });
        reader.scheduleWithFixedDelay(() -> {
            try {
                messages();
            } catch (IOException | RuntimeException e) {
                // the next explicit call reads again and reports what still fails
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return reader::shutdownNow;
    }
}
