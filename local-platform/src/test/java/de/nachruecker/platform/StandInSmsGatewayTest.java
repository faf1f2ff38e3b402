package de.nachruecker.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
    void sinceMustBeANumber() throws Exception {
        HttpResponse<String> response = get("/messages?since=-1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("since must be a number");
    }

    private HttpResponse<String> send(String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                                + "/2010-04-01/Accounts/AC0/Messages.json"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("To=%2B4915100000001&From=Test&Body=" + text)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
