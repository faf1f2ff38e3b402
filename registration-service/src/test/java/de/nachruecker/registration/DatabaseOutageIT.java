package de.nachruecker.registration;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.web.DatabaseOutageAdvice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the database is down, the citizen's API answers 503 with Retry-After and a problem document, the pages a
 * short 503 page, and each request leaves one WARN line under its correlation id instead of a stack trace. The
 * context has a MongoDB-protocol server of its own, which the test stops (the shared one serves every other test),
 * and gives up on it after a second instead of the driver's 30.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nachruecker.topics.partitions=1",
        "nachruecker.web.database-outage-retry-after=7s"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 1)
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class DatabaseOutageIT {

    private static final String TOKEN = "a".repeat(43);

    private static MongoServer database;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        database = new MongoServer(new MemoryBackend());
        InetSocketAddress address = database.bind();
        properties.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + address.getPort()
                + "/registration-outage?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
    }

    @Test
    void whileTheDatabaseIsDownRequestsAreAnswered503AndLoggedInOneWarningEach(CapturedOutput output)
            throws Exception {
        database.shutdownNow();

        HttpResponse<String> read = send("outage-read", HttpRequest.newBuilder(uri("/api/registrations/me"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).GET());
        HttpResponse<String> register = send("outage-register", HttpRequest.newBuilder(uri("/api/registrations"))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(IntegrationTestBase.JSON.writeValueAsString(
                        IntegrationTestBase.request("Erika Mustermann", "1950-04-01", "0151 23456789")))));
        HttpResponse<String> page = send("outage-page", HttpRequest.newBuilder(uri("/offers/answer?token=" + TOKEN))
                .header(HttpHeaders.ACCEPT, MediaType.TEXT_HTML_VALUE).GET());

        for (HttpResponse<String> problem : List.of(read, register)) {
            assertUnavailable(problem, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(IntegrationTestBase.JSON.readTree(problem.body()).get("detail").asString())
                    .isEqualTo("The service's database is not reachable right now; try again shortly.");
        }
        assertUnavailable(page, MediaType.TEXT_HTML_VALUE);
        assertThat(page.body()).contains("Vorübergehend nicht erreichbar");

        // the driver adds an INFO line of its own while it waits for the server
        for (String correlationId : List.of("outage-read", "outage-register", "outage-page")) {
            List<String> lines = output.getOut().lines().filter(line -> line.contains(correlationId)).toList();
            assertThat(lines).noneMatch(line -> line.contains("stack_trace") || line.contains("\"level\":\"ERROR\""));
            assertThat(lines).filteredOn(line -> line.contains(DatabaseOutageAdvice.class.getName()))
                    .singleElement().satisfies(line -> assertThat(line).contains("WARN", "503"));
        }
        assertThat(output.getAll()).doesNotContain("Servlet.service()");
    }

    private static void assertUnavailable(HttpResponse<String> response, String contentType) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue(HttpHeaders.RETRY_AFTER)).hasValue("7");
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
                type -> assertThat(type).startsWith(contentType));
    }

    private HttpResponse<String> send(String correlationId, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(request.header(CorrelationId.HTTP_HEADER, correlationId).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
