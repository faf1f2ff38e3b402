package de.nachruecker.support.web;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.release.ReleaseWithdrawn;
import de.nachruecker.support.testing.EmbeddedMongo;
import de.nachruecker.support.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring every service gets: request bodies are read strictly and a refusal names the field, an unroutable path
 * answers a problem document (a browser gets the error page), and events are still read tolerantly. Shares the
 * application of {@link MalformedRequestsIT} (same context), whose {@code /api/strict} echoes a body with a whole
 * number, a text, a nested instant and a list of texts.
 */
@ExtendWith(EmbeddedMongo.class)
@SpringBootTest(classes = MalformedRequestsIT.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class StrictInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    EventCodec events;

    @Test
    void aCoercedValueIsRefusedNamingTheField() throws Exception {
        assertRefused("{\"doseCount\": 1.5}", "doseCount", "/doseCount", "whole number");
        assertRefused("{\"doseCount\": \"3\"}", "doseCount", "/doseCount", "whole number");
        assertRefused("{\"doseCount\": 2, \"reason\": 42}", "reason", "/reason", "text");
        assertRefused("{\"doseCount\": 2, \"window\": {\"from\": 1617098400}}", "window.from", "/window/from",
                "ISO-8601");
        assertRefused("{\"doseCount\": 2, \"centreIds\": [\"korbach\", 5]}", "centreIds[1]", "/centreIds/1", "text");
    }

    @Test
    void theSameValuesInTheirOwnShapeAreTaken() throws Exception {
        HttpResponse<String> response = post("{\"doseCount\": 3, \"reason\": \"42\", \"window\": "
                + "{\"from\": \"2021-03-30T10:00:00Z\"}, \"centreIds\": [\"korbach\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("doseCount").asInt()).isEqualTo(3);
    }

    @Test
    void aBodyThatIsNotJsonIsAProblemWithoutAField() throws Exception {
        HttpResponse<String> response = post("{\"doseCount\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("not valid JSON");
    }

    @Test
    void aPathNothingIsMappedToIsAProblemForApiClients() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json", "application/problem+json"}) {
            for (String path : new String[] {"/api/nothing-here", "/nothing-here"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
                if (accept != null) {
                    request.header("Accept", accept);
                }
                HttpResponse<String> response = send(request);

                assertThat(response.statusCode()).as("%s %s", path, accept).isEqualTo(404);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = JSON.readTree(response.body());
                assertThat(problem.path("status").asInt()).isEqualTo(404);
                assertThat(problem.path("instance").asString()).isEqualTo(path);
            }
        }
        HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/api/nothing-here"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(posted.statusCode()).isEqualTo(404);
        assertThat(posted.body()).contains("\"status\":404");
    }

    @Test
    void aBrowserAskingForAMissingPageGetsTheErrorPage() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/nothing-here")).header("Accept", HTML));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("Seite nicht gefunden");

        HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/api/nothing-here")).header("Accept", HTML));
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).as("under /api/ always the problem").contains("\"status\":404");
    }

    /** Tomcat refuses these before any servlet; its own answer was an HTML page for every client. */
    @Test
    void aPathTomcatRefusesIsAProblemToo() throws Exception {
        for (String path : List.of("/api/a%2Fb", "/api/a%5Cb", "/api/a%00b", "/api/%ZZ")) {
            RawHttp.Answer answer = RawHttp.get(port, path, "Accept: application/json");

            assertThat(answer.statusLine()).as(path).contains(" 400");
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(JSON.readTree(answer.body()).path("status").asInt()).as(path).isEqualTo(400);
        }
        RawHttp.Answer page = RawHttp.get(port, "/a%2Fb", "Accept: " + HTML);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Diese Adresse ist ungültig");
    }

    /** Events are read by the codec's own mapper: a producer may still add fields, and the strict API does not apply. */
    @Test
    void eventsAreStillReadTolerantly() {
        String event = "{\"type\":\"ReleaseWithdrawn.v1\",\"eventId\":\"9f0c2b36-5c3e-4a8e-b1a9-2f6d0c1e7a11\","
                + "\"occurredAt\":\"2021-03-30T10:00:00Z\",\"releaseId\":\"r-1\",\"centreId\":\"korbach\","
                + "\"aFieldFromANewerProducer\":1}";

        ReleaseWithdrawn read = events.decode(event.getBytes(StandardCharsets.UTF_8), ReleaseWithdrawn.class);

        assertThat(read.occurredAt()).isEqualTo(Instant.parse("2021-03-30T10:00:00Z"));
    }

    private void assertRefused(String body, String field, String pointer, String says) throws Exception {
        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("title").asString()).isEqualTo("Invalid input");
        assertThat(problem.path("errors").get(0).path("field").asString()).as(body).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("pointer").asString()).as(body).isEqualTo(pointer);
        assertThat(problem.path("errors").get(0).path("message").asString()).as(body).contains(says);
        assertThat(problem.path("detail").asString()).contains(field);
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/strict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
