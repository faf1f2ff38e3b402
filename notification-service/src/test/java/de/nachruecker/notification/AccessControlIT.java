package de.nachruecker.notification;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.support.testing.ManagementEndpointMatrix;
import de.nachruecker.support.testing.RawHttp;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, over real HTTP with the demo staff of the {@code local} profile: HTTP Basic for {@code /api/**},
 * a session from the login form for everything else, as a browser gets it. The table below is the access matrix; the
 * test fails when the service maps an endpoint the table does not list, so a new endpoint cannot ship without a
 * decision on who may use it.
 */
@RealBrokerAndDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nachruecker.topics.partitions=1",
        "spring.mail.host=127.0.0.1"})
@ActiveProfiles("local")
class AccessControlIT {

    enum Caller {
        ANONYMOUS(null), OPERATOR("operator-korbach"), OPS("ops"), ADMIN("admin"), MONITORING("monitoring");

        final String username;

        Caller(String username) {
            this.username = username;
        }
    }

    /** What a caller gets: let through to the endpoint, asked to sign in (API: 401, page: login form), refused. */
    enum Access { ALLOWED, SIGN_IN, FORBIDDEN }

    record Endpoint(String method, String pattern, String example, Map<Caller, Access> access) {

        String key() {
            return method + " " + pattern;
        }
    }

    private static final String DEMO_PASSWORD = "demo-password";

    /** The access matrix: every endpoint the service maps, the path a caller uses, and who gets in. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            watchersOnly("GET", "/api/deliveries/{notificationId}", "/api/deliveries/unknown-notification"),
            watchersOnly("GET", "/api/outbox", "/api/outbox"),
            watchersOnly("GET", "/outbox", "/outbox"),
            everyone("GET", "/staff/login", "/staff/login"),
            everyone("GET", "/v3/api-docs", "/v3/api-docs"),
            everyone("GET", "/v3/api-docs.yaml", "/v3/api-docs.yaml"),
            everyone("GET", "/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config"),
            everyone("GET", "/swagger-ui.html", "/swagger-ui.html"),
            everyone("*", "/error", "/error"));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** Follows no redirects: a redirect to the login form is an answer in itself. */
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Caller, HttpClient> browsers = new EnumMap<>(Caller.class);

    @Test
    void theMatrixListsEveryMappedEndpoint() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            if (methods.isEmpty()) {
                methods.add("*");
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                methods.forEach(method -> mapped.add(method + " " + pattern));
            }
        }
        assertThat(ENDPOINTS.stream().map(Endpoint::key).toList()).containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void everyCallerGetsExactlyTheAccessTheMatrixGrants() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Caller caller : Caller.values()) {
                HttpResponse<String> response = call(endpoint, caller);
                Access actual = accessOf(response);
                if (actual != endpoint.access().get(caller)) {
                    wrong.add(endpoint.key() + " as " + caller + ": expected " + endpoint.access().get(caller)
                            + " but got " + actual + " (HTTP " + response.statusCode() + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Actuator endpoints (mapped by the actuator, not by controllers): the platform's management matrix, signed in by
     * HTTP Basic as a monitoring client does (no redirect to the login page).
     */
    @Test
    void managementEndpointsAnswerAsThePlatformMatrixSays(@Autowired PathMappedEndpoints endpoints) throws Exception {
        ManagementEndpointMatrix.check(endpoints, (path, caller) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
            Caller who = Caller.valueOf(caller.name());
            if (who.username != null) {
                request.header("Authorization", basic(who.username, DEMO_PASSWORD));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ManagementEndpointMatrix.Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null));
        });
    }

    @Test
    void prometheusServesEveryDeliverySeriesFromStartUpAtZero() throws Exception {
        String scrape = http.send(HttpRequest.newBuilder(url("/actuator/prometheus"))
                .header("Authorization", basic("ops", DEMO_PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (MessageTemplate template : MessageTemplate.values()) {
            for (String channel : List.of("SMS", "EMAIL")) {
                for (String counter : List.of("notifications_sent_total", "notifications_retries_total",
                        "notifications_failed_total")) {
                    assertThat(scrape).contains(series(counter, channel, template) + " 0.0");
                }
                assertThat(scrape).contains(series("notifications_delivery_latency_seconds_count", channel, template)
                        + " 0");
            }
            assertThat(scrape).contains(series("notifications_failed_total", "none", template) + " 0.0");
        }
    }

    private static String series(String name, String channel, MessageTemplate template) {
        return name + "{application=\"notification-service\",channel=\"" + channel + "\",template=\""
                + template.name() + "\"}";
    }

    @Test
    void refusalsOfTheApiAreProblemDetails() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url("/api/deliveries/n-1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(value -> value.startsWith("Basic"));

        HttpResponse<String> operator = http.send(HttpRequest.newBuilder(url("/api/deliveries/n-1"))
                .header("Authorization", basic("operator-korbach", DEMO_PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(operator.body()).contains("\"status\":403");

        HttpResponse<String> wrongPassword = http.send(HttpRequest.newBuilder(url("/api/deliveries/n-1"))
                .header("Authorization", basic("ops", "not-the-password")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
    }

    /**
     * Issue #15: paths nothing serves are refused here by default (403, a problem), and a path Tomcat cannot read
     * is a problem too, where it used to be Tomcat's HTML page.
     */
    @Test
    void anUnservedOrUnreadablePathIsAProblem() throws Exception {
        HttpResponse<String> unserved = http.send(HttpRequest.newBuilder(url("/api/nothing-here"))
                .header("Authorization", basic("ops", DEMO_PASSWORD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unserved.statusCode()).isEqualTo(403);
        assertThat(unserved.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        RawHttp.Answer unreadable = RawHttp.get(port, "/api/deliveries/a%2Fb", "Accept: application/json");
        assertThat(unreadable.statusLine()).contains(" 400");
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(unreadable.body()).contains("\"status\":400");
    }

    @Test
    void theOutboxPageAsksForSignInAndAWrongPasswordGetsNoSession() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> outbox = browser.send(HttpRequest.newBuilder(url("/outbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outbox.statusCode()).isEqualTo(302);
        assertThat(outbox.headers().firstValue("Location")).get().asString().endsWith("/staff/login");

        HttpResponse<String> failed = signIn(browser, "ops", "not-the-password");
        assertThat(failed.headers().firstValue("Location")).get().asString().contains("error");
        assertThat(browser.send(HttpRequest.newBuilder(url("/outbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);

        HttpResponse<String> page = browserOf(Caller.OPS).send(HttpRequest.newBuilder(url("/outbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Gesendete Nachrichten");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'self'");
    }

    private HttpResponse<String> call(Endpoint endpoint, Caller caller) throws Exception {
        String method = endpoint.method().equals("*") ? "GET" : endpoint.method();
        HttpRequest.Builder request = HttpRequest.newBuilder(url(endpoint.example()))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (endpoint.example().startsWith("/api/")) {
            if (caller.username != null) {
                request.header("Authorization", basic(caller.username, DEMO_PASSWORD));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        return browserOf(caller).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser with the caller's session: signed in on the login form, or never signed in (anonymous). */
    private HttpClient browserOf(Caller caller) throws Exception {
        HttpClient browser = browsers.get(caller);
        if (browser == null) {
            browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            if (caller.username != null) {
                HttpResponse<String> signedIn = signIn(browser, caller.username, DEMO_PASSWORD);
                assertThat(signedIn.headers().firstValue("Location")).as("%s signs in", caller).get().asString()
                        .doesNotContain("error");
            }
            browsers.put(caller, browser);
        }
        return browser;
    }

    private HttpResponse<String> signIn(HttpClient browser, String username, String password) throws Exception {
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(url("/staff/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + username + "&password=" + password + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(url("/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return signedIn;
    }

    private static Access accessOf(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || (status == 302 && response.headers().firstValue("Location")
                .filter(location -> location.endsWith("/staff/login")).isPresent())) {
            return Access.SIGN_IN;
        }
        return status == 403 ? Access.FORBIDDEN : Access.ALLOWED;
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Endpoint watchersOnly(String method, String pattern, String example) {
        return new Endpoint(method, pattern, example, access(Access.SIGN_IN, Access.FORBIDDEN, Access.ALLOWED,
                Access.ALLOWED, Access.FORBIDDEN));
    }

    private static Endpoint everyone(String method, String pattern, String example) {
        return new Endpoint(method, pattern, example, access(Access.ALLOWED, Access.ALLOWED, Access.ALLOWED,
                Access.ALLOWED, Access.ALLOWED));
    }

    private static Map<Caller, Access> access(Access anonymous, Access operator, Access ops, Access admin,
                                              Access monitoring) {
        Map<Caller, Access> access = new EnumMap<>(Caller.class);
        access.put(Caller.ANONYMOUS, anonymous);
        access.put(Caller.OPERATOR, operator);
        access.put(Caller.OPS, ops);
        access.put(Caller.ADMIN, admin);
        access.put(Caller.MONITORING, monitoring);
        return access;
    }
}
