package de.nachruecker.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StandInSmsGatewayTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private StandInSmsGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new StandInSmsGateway(0);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void sinceSkipsTheMessagesAlreadyRead() throws Exception {
        for (String text : new String[] {"first", "second", "third"}) {
            assertThat(send(text).statusCode()).isEqualTo(201);
        }

        assertThat(get("/messages").body()).contains("first", "second", "third");
        String rest = get("/messages?since=1").body();
        assertThat(rest).contains("second", "third").doesNotContain("first");
        assertThat(get("/messages?since=3").body()).isEqualTo("[]");
        assertThat(get("/messages?since=99").body()).isEqualTo("[]");
    }

    @Test
    void keepsOnlyTheNewestMessagesAndSinceStillCountsFromTheFirstEverReceived() throws Exception {
        try (StandInSmsGateway small = new StandInSmsGateway(0, 3)) {
            small.start();
            for (String text : new String[] {"one", "two", "three", "four", "five"}) {
                assertThat(send(small, text).statusCode()).isEqualTo(201);
            }

            assertThat(get(small, "/messages").body()).contains("three", "four", "five").doesNotContain("one", "two");
            assertThat(get(small, "/messages?since=4").body()).contains("five").doesNotContain("four");
            assertThat(get(small, "/messages?since=1").body()).contains("three", "four", "five");
            assertThat(get(small, "/messages?since=5").body()).isEqualTo("[]");
        }
    }

    @Test
    void aSlowSenderDoesNotHoldUpTheOthers() throws Exception {
        // a request whose body never comes occupies one request thread: with the JDK's default single thread, every
        // later message would wait behind it
        try (Socket stalled = new Socket("localhost", URI.create(gateway.baseUrl()).getPort())) {
            stalled.getOutputStream().write(("POST /2010-04-01/Accounts/AC0/Messages.json HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\nTo=").getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();

            HttpClient bounded = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> other = bounded.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                            + "/2010-04-01/Accounts/AC0/Messages.json")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("To=%2B4915100000002&Body=meanwhile")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(other.statusCode()).isEqualTo(201);
        }
    }

    @Test
    void limitPagesThroughTheMessagesAndTheHeaderSaysWhereAPageBegins() throws Exception {
        for (String text : new String[] {"first", "second", "third"}) {
            assertThat(send(text).statusCode()).isEqualTo(201);
        }

        HttpResponse<String> page = get("/messages?since=0&limit=2");
        assertThat(page.body()).contains("first", "second").doesNotContain("third");
        assertThat(page.headers().firstValue("X-First-Message")).hasValue("0");
        HttpResponse<String> next = get("/messages?since=2&limit=2");
        assertThat(next.body()).contains("third").doesNotContain("second");
        assertThat(next.headers().firstValue("X-First-Message")).hasValue("2");
        assertThat(get("/messages?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/messages?limit=x").body()).contains("limit must be a number");
    }

    @Test
    void theHeaderShowsWhatTheRingDroppedBeforeItWasRead() throws Exception {
        try (StandInSmsGateway small = new StandInSmsGateway(0, 2)) {
            small.start();
            for (String text : new String[] {"one", "two", "three"}) {
                assertThat(send(small, text).statusCode()).isEqualTo(201);
            }

            HttpResponse<String> page = get(small, "/messages?since=0&limit=5");
            assertThat(page.body()).contains("two", "three").doesNotContain("one");
            assertThat(page.headers().firstValue("X-First-Message")).hasValue("1");
            assertThat(get(small, "/messages?since=7").headers().firstValue("X-First-Message")).hasValue("3");
        }
    }

    @Test
    void sinceMustBeANumber() throws Exception {
        HttpResponse<String> response = get("/messages?since=-1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("since must be a number");
    }

    private HttpResponse<String> send(String text) throws Exception {
        return send(gateway, text);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(gateway, path);
    }

    private HttpResponse<String> send(StandInSmsGateway to, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(to.baseUrl()
                                + "/2010-04-01/Accounts/AC0/Messages.json"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("To=%2B4915100000001&From=Test&Body=" + text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(StandInSmsGateway from, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(from.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
