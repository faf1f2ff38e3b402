package de.nachruecker.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the SMS carrier, which cannot be reached from a developer machine: a real HTTP server that answers
 * the Twilio Programmable Messaging "create message" call ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form
 * fields To, From, Body) the way Twilio documents it, and lists what it received at {@code GET /messages}, in the
 * order received; {@code GET /messages?since=N} skips the first N, so a poller reads each message once, and
 * {@code &limit=M} answers at most M (a poller pages through a long run instead of one response of megabytes). The
 * header {@code X-First-Message} says which message the answer starts with: more than {@code since} when the ring
 * dropped messages before they were read.
 *
 * <p>The same server stands in for Twilio's voice API ({@link StandInVoiceGateway}: {@code Calls.json}, {@code GET
 * /calls}, {@code POST /calls/{sid}/digits}).
 *
 * <p>It keeps the last {@value #RETAINED} messages (a ring: a 100,000-candidate load run must not fill the heap); a
 * poller more than that many messages behind misses the oldest. Requests are served by a small pool, since
 * notification-service sends with several workers at once (the JDK server's default is one thread).
 */
public final class StandInSmsGateway implements AutoCloseable {

    /** Messages kept for {@code GET /messages}: more than a benchmark or a fault-test run sends. */
    public static final int RETAINED = 50_000;
    /** Request threads: notification-service's parallel senders plus a poller or two. */
    static final int THREADS = 12;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService requests;
    private final int retained;
    private final Deque<Map<String, String>> received = new ArrayDeque<>();
    /** How many messages were ever received: {@code since} counts from the first one, also after the ring drops it. */
    private long receivedCount;
    private final AtomicLong sequence = new AtomicLong();
    private final StandInVoiceGateway voice;

    /** On {@code port}, or on a free port when 0. */
    public StandInSmsGateway(int port) throws IOException {
        this(port, RETAINED);
    }

    StandInSmsGateway(int port, int retained) throws IOException {
        this.retained = retained;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/2010-04-01/Accounts/", this::createMessage);
        server.createContext("/messages", this::listMessages);
        voice = new StandInVoiceGateway(server);
        AtomicInteger threadNumber = new AtomicInteger();
        requests = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "sms-stand-in-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(requests);
    }

    public void start() {
        server.start();
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void createMessage(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().endsWith("/Calls.json")) {
            voice.createCall(exchange, parseForm(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
            respond(exchange, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
            return;
        }
        Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        if (form.get("To") == null || form.get("Body") == null) {
            respond(exchange, 400, "{\"code\":21604,\"message\":\"A 'To' phone number and a 'Body' are required.\","
                    + "\"status\":400}");
            return;
        }
        String sid = String.format("SM%032x", sequence.incrementAndGet());
        Map<String, String> message = new LinkedHashMap<>();
        message.put("sid", sid);
        message.put("to", form.get("To"));
        message.put("from", form.getOrDefault("From", ""));
        message.put("body", form.get("Body"));
        message.put("receivedAt", Instant.now().toString());
        keep(message);
        Map<String, String> answer = new LinkedHashMap<>(message);
        answer.remove("receivedAt");
        answer.put("status", "queued");
        respond(exchange, 201, JSON.writeValueAsString(answer));
    }

    private void listMessages(HttpExchange exchange) throws IOException {
        Map<String, String> query = parseForm(Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""));
        String since = query.getOrDefault("since", "0");
        String limit = query.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE));
        if (!since.matches("\\d{1,9}")) {
            respond(exchange, 400, "{\"message\":\"since must be a number of messages (0 or more)\",\"status\":400}");
            return;
        }
        if (!limit.matches("\\d{1,10}") || Long.parseLong(limit) < 1 || Long.parseLong(limit) > Integer.MAX_VALUE) {
            respond(exchange, 400, "{\"message\":\"limit must be a number of messages (1 or more)\",\"status\":400}");
            return;
        }
        Page page = receivedSince(Long.parseLong(since), Integer.parseInt(limit));
        exchange.getResponseHeaders().set("X-First-Message", String.valueOf(page.first()));
        respond(exchange, 200, JSON.writeValueAsString(page.messages()));
    }

    private synchronized void keep(Map<String, String> message) {
        received.addLast(message);
        receivedCount++;
        if (received.size() > retained) {
            received.removeFirst();
        }
    }

    /** The messages from the {@code since}-th on that the ring still holds, at most {@code limit} of them. */
    private synchronized Page receivedSince(long since, int limit) {
        long firstKept = receivedCount - received.size();
        long first = Math.min(Math.max(since, firstKept), receivedCount);
        return new Page(first, received.stream().skip(first - firstKept).limit(limit).toList());
    }

    /** A page of messages; {@code first} counts from the first message ever received. */
    private record Page(long first, List<Map<String, String>> messages) {
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** A JSON answer, as the gateway's REST API gives them (the voice stand-in answers the same way). */
    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        requests.shutdownNow();
    }
}
