package de.nachruecker.support.web;

import de.nachruecker.support.testing.EmbeddedMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a client got wrong must be answered 4xx with a problem document and must not reach the handler: the
 * servlet container and Spring otherwise answer some of them with 500 (found by the REST fuzzing system test).
 */
@ExtendWith(EmbeddedMongo.class)
@SpringBootTest(classes = MalformedRequestsIT.TestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class MalformedRequestsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Calls calls;

    @BeforeEach
    void noCallsYet() {
        calls.count.set(0);
    }

    @Test
    void aWildcardContentTypeIsUnsupported() throws Exception {
        for (String wildcard : new String[] {"application/*", "*/*", "not a media type"}) {
            HttpResponse<String> response = send(post("/api/things", wildcard, "{\"name\":\"a\"}"));

            assertThat(response.statusCode()).as(wildcard).isEqualTo(415);
            assertProblem(response);
        }
        assertThat(calls.count).hasValue(0);
    }

    @Test
    void aFormBodyThatDoesNotDecodeIsABadRequest() throws Exception {
        for (String method : new String[] {"POST", "PUT"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/form"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString("name=%E0%A4%A&x=%zz")));

            assertThat(response.statusCode()).as(method).isEqualTo(400);
            assertProblem(response);
        }
        assertThat(calls.count).hasValue(0);
    }

    @Test
    void aParameterWithoutAUsableNameIsABadRequest() throws Exception {
        for (String query : new String[] {"=x", "%C3%28=x", "name=a&=b"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/things?" + query)).GET());

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertProblem(response);
        }
        assertThat(calls.count).hasValue(0);
    }

    @Test
    void aChangeWhoseAnswerTheCallerCannotReadIsRefusedBeforeItIsMade() throws Exception {
        for (String accept : new String[] {"image/png", "text/csv"}) {
            HttpResponse<String> response = send(post("/api/things", "application/json", "{\"name\":\"a\"}")
                    .header("Accept", accept));

            assertThat(response.statusCode()).as(accept).isEqualTo(406);
        }
        assertThat(calls.count).hasValue(0);
    }

    @Test
    void wellFormedRequestsStillWork() throws Exception {
        assertThat(send(post("/api/things", "application/json", "{\"name\":\"a\"}")
                .header("Accept", "application/json, image/png;q=0.5")).statusCode()).isEqualTo(200);
        assertThat(send(post("/api/things", "application/json;charset=UTF-8", "{\"name\":\"a\"}")
                .header("Accept", "*/*")).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=K%C3%B6ln"))).body()).isEqualTo("Köln");
        assertThat(send(HttpRequest.newBuilder(uri("/api/things?name=a")).GET()).statusCode()).isEqualTo(200);
        // a page answers HTML whatever the Accept header says; the guard leaves pages alone
        assertThat(send(HttpRequest.newBuilder(uri("/page"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("name=a"))).statusCode()).isEqualTo(302);
        assertThat(calls.count).hasValue(5);
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + response.statusCode()).contains("\"detail\"");
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static class Calls {
        final AtomicInteger count = new AtomicInteger();
    }

    record Thing(String name) {
    }

    record StrictWindow(Instant from) {
    }

    /** The shapes {@link StrictInputIT} sends wrong. */
    record StrictRequest(int doseCount, String reason, StrictWindow window, List<String> centreIds) {
    }

    @SpringBootApplication
    static class TestApplication {

        @Bean
        Calls calls() {
            return new Calls();
        }

        @Bean
        SecurityFilterChain open(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable()).build();
        }

        @RestController
        static class Things {

            private final Calls calls;

            Things(Calls calls) {
                this.calls = calls;
            }

            @PostMapping("/api/things")
            Thing create(@RequestBody Thing thing) {
                calls.count.incrementAndGet();
                return thing;
            }

            @GetMapping("/api/things")
            Thing find(@RequestParam(required = false) String name) {
                calls.count.incrementAndGet();
                return new Thing(name);
            }

            @PostMapping("/api/strict")
            StrictRequest strict(@RequestBody StrictRequest request) {
                return request;
            }

            @PostMapping("/api/form")
            @PutMapping("/api/form")
            String form(@RequestParam String name) {
                calls.count.incrementAndGet();
                return name;
            }
        }

        @Controller
        static class Page {

            private final Calls calls;

            Page(Calls calls) {
                this.calls = calls;
            }

            @PostMapping("/page")
            ResponseEntity<Void> submit(@RequestParam String name) {
                calls.count.incrementAndGet();
                return ResponseEntity.status(302).header("Location", "/page").build();
            }
        }
    }
}
