package de.nachruecker.load.http;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the local platform's SMS gateway stand-in received ({@code GET /messages}), in order of receipt. */
public final class SmsGatewayStandIn {

    private static final Pattern ANSWER_TOKEN = Pattern.compile("/offers/answer\\?token=([A-Za-z0-9_-]+)");

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
     * Everything received so far. Each call fetches only what is new ({@code ?since=}): a full listing of a long run
     * is tens of megabytes of JSON, and building it every few seconds cost the stand-in's JVM more memory than the
     * messages themselves, counted against the platform in the benchmarks.
     */
    public synchronized List<Sms> messages() throws IOException, InterruptedException {
        var response = http.get(messagesUrl + "?since=" + received.size());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + messagesUrl + " answered " + response.statusCode());
        }
        received.addAll(Arrays.asList(http.read(response, Sms[].class)));
        return List.copyOf(received);
    }
}
