package de.nachruecker.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static de.nachruecker.platform.StandInSmsGateway.respond;

/**
 * Stands in for the telephone network behind Twilio Programmable Voice, on the SMS stand-in's server (one base URL, as
 * at Twilio): it answers "create call" ({@code POST /2010-04-01/Accounts/{sid}/Calls.json}, form fields To, From and
 * inline Twiml) with 201 and a {@code CA…} sid, and records the call: what it says and where its {@code <Gather>} posts
 * a key. Nobody picks up by themselves: a test or a person presses a key with
 * {@code POST /calls/{sid}/digits} (form {@code Digits=1}), and the stand-in posts it to the Gather's action URL the way
 * Twilio does (form fields CallSid, AccountSid, From, To, Digits, CallStatus) and records the TwiML answered, which
 * may ask for another key. {@code GET /calls} lists the calls in the order placed ({@code ?since=N} skips the first N),
 * each with its key presses; the newest {@value #RETAINED} are kept.
 */
final class StandInVoiceGateway {

    static final int RETAINED = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIGITS_PATH = Pattern.compile("/calls/(CA[0-9a-f]{32})/digits");

    private final Deque<Call> calls = new ArrayDeque<>();
    private long placedCount;
    private final AtomicLong sequence = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StandInVoiceGateway(HttpServer server) {
        server.createContext("/calls", this::calls);
    }

    /** {@code POST …/Calls.json}; the SMS stand-in hands these requests over. */
    void createCall(HttpExchange exchange, Map<String, String> form) throws IOException {
        String to = form.get("To");
        String twiml = form.get("Twiml");
        if (to == null || form.get("From") == null || twiml == null) {
            respond(exchange, 400, "{\"code\":21205,\"message\":\"'To', 'From' and 'Twiml' are required.\","
                    + "\"status\":400}");
            return;
        }
        Speech speech;
        try {
            speech = Speech.of(twiml);
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, "{\"code\":12100,\"message\":\"Document parse failure\",\"status\":400}");
            return;
        }
        Call call = new Call(String.format("CA%032x", sequence.incrementAndGet()), to, form.get("From"), twiml,
                speech, Instant.now());
        keep(call);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sid", call.sid);
        answer.put("to", to);
        answer.put("from", call.from);
        answer.put("status", "queued");
        respond(exchange, 201, JSON.writeValueAsString(answer));
    }

    private void calls(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher digits = DIGITS_PATH.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && digits.matches()) {
            pressKey(exchange, digits.group(1));
        } else if ("GET".equals(exchange.getRequestMethod()) && ("/calls".equals(path) || "/calls/".equals(path))) {
            String since = StandInSmsGateway.parseForm(Objects.requireNonNullElse(
                    exchange.getRequestURI().getRawQuery(), "")).getOrDefault("since", "0");
            if (!since.matches("\\d{1,9}")) {
                respond(exchange, 400, "{\"message\":\"since must be a number of calls (0 or more)\",\"status\":400}");
                return;
            }
            respond(exchange, 200, JSON.writeValueAsString(placedSince(Long.parseLong(since)).stream()
                    .map(Call::view).toList()));
        } else {
            respond(exchange, 404, "{\"message\":\"GET /calls, or POST /calls/{sid}/digits with Digits\","
                    + "\"status\":404}");
        }
    }

    private void pressKey(HttpExchange exchange, String sid) throws IOException {
        String key = StandInSmsGateway.parseForm(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8)).get("Digits");
        if (key == null || !key.matches("[0-9*#]")) {
            respond(exchange, 400, "{\"message\":\"Digits must be one key: 0-9, * or #\",\"status\":400}");
            return;
        }
        Call call = find(sid);
        if (call == null) {
            respond(exchange, 404, "{\"message\":\"no such call\",\"status\":404}");
            return;
        }
        String action = call.waitingAt();
        if (action == null) {
            respond(exchange, 409, "{\"message\":\"the call is not waiting for a key\",\"status\":409}");
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", call.sid);
        form.put("AccountSid", "AC00000000000000000000000000000000");
        form.put("From", call.from);
        form.put("To", call.to);
        form.put("Direction", "outbound-api");
        form.put("CallStatus", "in-progress");
        form.put("Digits", key);
        KeyPress press;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(action))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
            press = new KeyPress(key, action, answer.statusCode(), answer.body(), speechOrNull(answer.body()),
                    Instant.now());
        } catch (IOException e) {
            press = new KeyPress(key, action, 0, e.toString(), null, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        call.pressed(press);
        respond(exchange, 200, JSON.writeValueAsString(call.view()));
    }

    private synchronized void keep(Call call) {
        calls.addLast(call);
        placedCount++;
        if (calls.size() > RETAINED) {
            calls.removeFirst();
        }
    }

    private synchronized Call find(String sid) {
        return calls.stream().filter(call -> call.sid.equals(sid)).findFirst().orElse(null);
    }

    private synchronized List<Call> placedSince(long since) {
        long firstKept = placedCount - calls.size();
        return calls.stream().skip(Math.max(0, since - firstKept)).toList();
    }

    private static Speech speechOrNull(String twiml) {
        try {
            return Speech.of(twiml);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** What a TwiML document says, and where its first {@code <Gather>} posts a key (null: it asks for none). */
    record Speech(List<String> said, String gatherAction) {

        static Speech of(String twiml) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                        twiml.getBytes(StandardCharsets.UTF_8)));
                if (!"Response".equals(document.getDocumentElement().getTagName())) {
                    throw new IllegalArgumentException("not TwiML");
                }
                List<String> said = new ArrayList<>();
                NodeList says = document.getElementsByTagName("Say");
                for (int i = 0; i < says.getLength(); i++) {
                    said.add(says.item(i).getTextContent());
                }
                NodeList gathers = document.getElementsByTagName("Gather");
                String action = gathers.getLength() == 0 ? null
                        : ((Element) gathers.item(0)).getAttribute("action");
                return new Speech(List.copyOf(said), action == null || action.isEmpty() ? null : action);
            } catch (ParserConfigurationException | SAXException | IOException e) {
                throw new IllegalArgumentException("not TwiML", e);
            }
        }
    }

    /** One key pressed and what the action URL answered. */
    record KeyPress(String digits, String action, int status, String twiml, Speech speech, Instant at) {

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("digits", digits);
            view.put("status", status);
            view.put("said", speech == null ? List.of() : speech.said());
            view.put("twiml", twiml);
            view.put("at", at.toString());
            return view;
        }
    }

    /** A placed call; key presses come from request threads, so its state is guarded by itself. */
    static final class Call {

        private final String sid;
        private final String to;
        private final String from;
        private final String twiml;
        private final Speech speech;
        private final Instant placedAt;
        private final List<KeyPress> keys = new ArrayList<>();

        Call(String sid, String to, String from, String twiml, Speech speech, Instant placedAt) {
            this.sid = sid;
            this.to = to;
            this.from = from;
            this.twiml = twiml;
            this.speech = speech;
            this.placedAt = placedAt;
        }

        /** Where the next key goes: the Gather of the last TwiML heard, if it asked for one. */
        synchronized String waitingAt() {
            if (keys.isEmpty()) {
                return speech.gatherAction();
            }
            KeyPress last = keys.get(keys.size() - 1);
            return last.speech() == null ? null : last.speech().gatherAction();
        }

        synchronized void pressed(KeyPress press) {
            keys.add(press);
        }

        synchronized Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("sid", sid);
            view.put("to", to);
            view.put("from", from);
            view.put("placedAt", placedAt.toString());
            view.put("said", speech.said());
            view.put("waitingForKey", waitingAt() != null);
            view.put("twiml", twiml);
            view.put("keys", keys.stream().map(KeyPress::view).toList());
            return view;
        }
    }
}
