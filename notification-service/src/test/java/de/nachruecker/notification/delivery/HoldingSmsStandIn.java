package de.nachruecker.notification.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A Twilio-compatible SMS gateway over real HTTP that accepts every message and can hold requests unanswered: while
 * it holds, every message waits (at most {@link #MAX_HOLD}) until released, so the number of held messages is the
 * number of sends in flight at once.
 */
final class HoldingSmsStandIn implements AutoCloseable {

    static final Duration MAX_HOLD = Duration.ofSeconds(60);

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    /** When each text arrived ({@link System#nanoTime}). */
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private volatile Gate gate;

    private HoldingSmsStandIn(HttpServer server) {
        this.server = server;
    }

    static HoldingSmsStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            HoldingSmsStandIn standIn = new HoldingSmsStandIn(server);
            server.createContext("/", standIn::handle);
            server.setExecutor(standIn.handlers);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, messages wait until {@link #releaseAndHoldNext()} or {@link #open()}. */
    void hold() {
        gate = new Gate();
    }

    /**
     * Waits (bounded) until {@code count} messages are held at once.
     *
     * @return the held messages' texts
     */
    List<String> awaitHeld(int count) {
        Gate current = gate;
        await().atMost(MAX_HOLD).until(() -> current.held.size() >= count);
        return List.copyOf(current.held);
    }

    /** Answers the held messages and holds the ones that come next. */
    void releaseAndHoldNext() {
        Gate released = gate;
        gate = new Gate();
        released.open.countDown();
    }

    /** Answers the held messages and every one that follows at once. */
    void open() {
        Gate released = gate;
        gate = null;
        if (released != null) {
            released.open.countDown();
        }
    }

    /** When the first message containing {@code part} arrived ({@link System#nanoTime}), if one did. */
    Optional<Long> arrivalOf(String part) {
        return arrivals.entrySet().stream().filter(entry -> entry.getKey().contains(part))
                .map(Map.Entry::getValue).min(Long::compare);
    }

    /** Texts of every message received, in the order of arrival. */
    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String text = bodyField(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        arrivals.putIfAbsent(text, System.nanoTime());
        received.add(text);
        Gate current = gate;
        if (current != null) {
            current.held.add(text);
            try {
                current.open.await(MAX_HOLD.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static String bodyField(String form) {
        for (String field : form.split("&")) {
            if (field.startsWith("Body=")) {
                return URLDecoder.decode(field.substring("Body=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static final class Gate {
        final CountDownLatch open = new CountDownLatch(1);
        final Queue<String> held = new ConcurrentLinkedQueue<>();
    }
}
