package de.nachruecker.platform;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The voice stand-in against a real HTTP server in the role of registration-service's key-press webhook. */
class StandInVoiceGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CALLS = "/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> posted = new CopyOnWriteArrayList<>();
    private StandInSmsGateway gateway;
    private HttpServer webhook;

    @BeforeEach
    void start() throws Exception {
        gateway = new StandInSmsGateway(0);
        gateway.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/voice/offers/answer", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.add(exchange.getRequestURI().getQuery() + " " + form);
            String twiml = form.contains("Digits=9")
                    ? "<?xml version=\"1.0\"?><Response><Gather numDigits=\"1\" action=\"" + action().replace("&", "&amp;")
                            + "\"><Say>Noch einmal &amp; mehr</Say></Gather></Response>"
                    : "<?xml version=\"1.0\"?><Response><Say>Zusage bestätigt</Say><Hangup/></Response>";
            byte[] bytes = twiml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        webhook.stop(0);
    }

    @Test
    void aCallIsRecordedAndAKeyPressGoesToTheGatherActionLikeTwilioPostsIt() throws Exception {
        String twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather input=\"dtmf\" numDigits=\"1\" "
                + "action=\"" + action().replace("&", "&amp;") + "\"><Say language=\"de-DE\">Eine Dosis ist frei im "
                + "Impfzentrum A &amp; B</Say></Gather><Hangup/></Response>";

        HttpResponse<String> placed = post(CALLS, "To=%2B495631123456&From=%2B495631000000&Twiml="
                + URLEncoder.encode(twiml, StandardCharsets.UTF_8));

        assertThat(placed.statusCode()).isEqualTo(201);
        String sid = JSON.readTree(placed.body()).get("sid").asString();
        assertThat(sid).matches("CA[0-9a-f]{32}");
        JsonNode call = JSON.readTree(get("/calls").body()).get(0);
        assertThat(call.get("to").asString()).isEqualTo("+495631123456");
        assertThat(call.get("said").get(0).asString()).isEqualTo("Eine Dosis ist frei im Impfzentrum A & B");
        assertThat(call.get("waitingForKey").asBoolean()).isTrue();

        JsonNode repeated = JSON.readTree(post("/calls/" + sid + "/digits", "Digits=9").body());
        assertThat(repeated.get("keys").get(0).get("said").get(0).asString()).isEqualTo("Noch einmal & mehr");
        assertThat(repeated.get("waitingForKey").asBoolean()).as("the answer asked for a key again").isTrue();
        JsonNode accepted = JSON.readTree(post("/calls/" + sid + "/digits", "Digits=1").body());
        assertThat(accepted.get("keys").get(1).get("status").asInt()).isEqualTo(200);
        assertThat(accepted.get("keys").get(1).get("said").get(0).asString()).isEqualTo("Zusage bestätigt");
        assertThat(accepted.get("waitingForKey").asBoolean()).isFalse();

        assertThat(posted).hasSize(2);
        assertThat(posted.get(0)).startsWith("token=abc&lang=de ").contains("CallSid=" + sid, "Digits=9",
                "To=%2B495631123456", "CallStatus=in-progress");
        assertThat(post("/calls/" + sid + "/digits", "Digits=2").statusCode())
                .as("the call no longer waits for a key").isEqualTo(409);
        assertThat(posted).hasSize(2);
    }

    @Test
    void refusesWhatTwilioWouldRefuse() throws Exception {
        assertThat(post(CALLS, "To=%2B495631123456&From=%2B495631000000").statusCode()).isEqualTo(400);
        assertThat(post(CALLS, "To=%2B495631123456&From=%2B495631000000&Twiml=not+xml").statusCode())
                .isEqualTo(400);
        assertThat(post("/calls/CA00000000000000000000000000000042/digits", "Digits=1").statusCode())
                .isEqualTo(404);
        assertThat(post("/calls/CA00000000000000000000000000000042/digits", "Digits=12").statusCode())
                .isEqualTo(400);
        assertThat(get("/calls").body()).isEqualTo("[]");
        assertThat(get("/calls?since=x").statusCode()).isEqualTo(400);
    }

    private String action() {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/voice/offers/answer?token=abc&lang=de";
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
