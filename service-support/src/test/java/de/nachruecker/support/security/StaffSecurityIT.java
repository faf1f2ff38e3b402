package de.nachruecker.support.security;

import de.nachruecker.support.testing.EmbeddedMongo;
import de.nachruecker.support.testing.MutableClock;
import de.nachruecker.support.testing.TestIdentityProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff sign-in as a service applies it: real HTTP against a server on a random port, HTTP Basic against configured
 * users with bcrypt hashes, JWTs signed by a key whose public half the service is configured with, form login with
 * CSRF for pages.
 */
@ExtendWith(EmbeddedMongo.class)
@SpringBootTest(classes = StaffSecurityIT.TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "nachruecker.security.staff-users[0].username=op-korbach",
                "nachruecker.security.staff-users[0].password=" + StaffSecurityIT.DEMO_HASH,
                "nachruecker.security.staff-users[0].roles=OPERATOR",
                "nachruecker.security.staff-users[0].centres=korbach",
                "nachruecker.security.staff-users[1].username=ops",
                "nachruecker.security.staff-users[1].password=" + StaffSecurityIT.DEMO_HASH,
                "nachruecker.security.staff-users[1].roles=OPS",
                "nachruecker.security.staff-users[2].username=admin",
                "nachruecker.security.staff-users[2].password=" + StaffSecurityIT.DEMO_HASH,
                "nachruecker.security.staff-users[2].roles=ADMIN",
                "nachruecker.security.staff-users[3].username=guarded",
                "nachruecker.security.staff-users[3].password=" + StaffSecurityIT.DEMO_HASH,
                "nachruecker.security.staff-users[3].roles=OPS",
                "nachruecker.security.staff-users[4].username=scraper",
                "nachruecker.security.staff-users[4].password=" + StaffSecurityIT.DEMO_HASH,
                "nachruecker.security.staff-users[4].roles=MONITORING",
                "nachruecker.security.sign-in-throttle.account-failures=3",
                "nachruecker.security.sign-in-throttle.address-failures=6",
                "nachruecker.security.sign-in-throttle.initial-back-off=2s"})
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class StaffSecurityIT {

    /** bcrypt of "demo-password", as in service-defaults-local.yml. */
    static final String DEMO_HASH = "{bcrypt}$2a$10$wq9L6MMc6VIsGXbc5LiZhORPTeLToCaj1TMkCMhU5UHt8Y2GqYgT6";

    private static final TestIdentityProvider ISSUER = TestIdentityProvider.create();
    private static final TestIdentityProvider STRANGER = TestIdentityProvider.create();

    static final MutableClock CLOCK = MutableClock.at(Instant.parse("2021-05-03T10:00:00Z"));
    static final String STATUS_ONLY = "{\"status\":\"UP\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    /** Every test starts with no failed sign-in remembered (they all come from 127.0.0.1). */
    @AfterEach
    void forgetFailedSignIns() {
        CLOCK.advance(Duration.ofHours(2));
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuerPublicKey(DynamicPropertyRegistry registry) {
        String location = ISSUER.writePublicKey(Path.of("target", "staff-security-it-public-key.pem"));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> location);
    }

    @SpringBootApplication
    static class TestApplication {

        @Bean
        @Order(1)
        SecurityFilterChain api(HttpSecurity http, StaffSecurity staff) throws Exception {
            return staff.api(http)
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain pages(HttpSecurity http, StaffSecurity staff) throws Exception {
            return staff.pages(http)
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .build();
        }

        /** The throttle on a clock the tests move: back-offs run out without waiting. */
        @Bean
        SignInThrottle signInThrottle(SignInThrottleProperties settings) {
            return new SignInThrottle(settings, CLOCK);
        }

        @Bean
        CentreDesk centreDesk(CentreAccess access) {
            return new CentreDesk(access);
        }
    }

    @RestController
    static class CentreDesk {

        private final CentreAccess access;

        CentreDesk(CentreAccess access) {
            this.access = access;
        }

        @GetMapping("/api/centres/{centre}/doses")
        String read(@PathVariable String centre, Authentication user) {
            access.checkRead(user, centre);
            return "read " + centre + " as " + user.getName();
        }

        @PostMapping("/api/centres/{centre}/doses")
        String write(@PathVariable String centre, Authentication user) {
            access.checkWrite(user, centre);
            return "wrote " + centre;
        }

        @GetMapping("/desk")
        String desk() {
            return "desk";
        }
    }

    @Test
    void anonymousApiCallsAreChallengedWithAProblem() throws Exception {
        HttpResponse<String> response = send(get("/api/centres/korbach/doses"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"nachruecker-staff\"", "Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void anOperatorReadsAndWritesOnlyTheirCentre() throws Exception {
        assertThat(send(basic(get("/api/centres/korbach/doses"), "op-korbach")).body())
                .isEqualTo("read korbach as op-korbach");
        assertThat(send(basic(post("/api/centres/korbach/doses"), "op-korbach")).statusCode()).isEqualTo(200);
        assertThat(send(basic(get("/api/centres/kassel/doses"), "op-korbach")).statusCode()).isEqualTo(403);
        HttpResponse<String> denied = send(basic(post("/api/centres/kassel/doses"), "op-korbach"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("\"status\":403");
    }

    @Test
    void opsReadEveryCentreButWriteNone() throws Exception {
        assertThat(send(basic(get("/api/centres/kassel/doses"), "ops")).statusCode()).isEqualTo(200);
        assertThat(send(basic(post("/api/centres/kassel/doses"), "ops")).statusCode()).isEqualTo(403);
    }

    @Test
    void adminsWriteEveryCentre() throws Exception {
        assertThat(send(basic(post("/api/centres/kassel/doses"), "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        HttpRequest.Builder request = get("/api/centres/korbach/doses").header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("op-korbach:guess".getBytes(StandardCharsets.UTF_8)));
        assertThat(send(request).statusCode()).isEqualTo(401);
    }

    @Test
    void aJwtFromTheIdentityProviderCarriesRoleAndCentres() throws Exception {
        String token = ISSUER.token("jane", List.of("operator"), List.of("kassel"));

        assertThat(send(bearer(get("/api/centres/kassel/doses"), token)).body()).isEqualTo("read kassel as jane");
        assertThat(send(bearer(post("/api/centres/kassel/doses"), token)).statusCode()).isEqualTo(200);
        assertThat(send(bearer(get("/api/centres/korbach/doses"), token)).statusCode()).isEqualTo(403);
    }

    @Test
    void expiredForeignOrRolelessJwtsGetNothing() throws Exception {
        String expired = ISSUER.token("jane", List.of("admin"), List.of(), Instant.now().minusSeconds(600));
        String foreign = STRANGER.token("jane", List.of("admin"), List.of());
        String unknownRole = ISSUER.token("jane", List.of("superuser"), List.of("kassel"));

        assertThat(send(bearer(get("/api/centres/kassel/doses"), expired)).statusCode()).isEqualTo(401);
        assertThat(send(bearer(get("/api/centres/kassel/doses"), foreign)).statusCode()).isEqualTo(401);
        assertThat(send(bearer(get("/api/centres/kassel/doses"), unknownRole)).statusCode()).isEqualTo(403);
    }

    @Test
    void pagesSendAnonymousUsersToTheGermanLoginPage() throws Exception {
        HttpResponse<String> desk = send(get("/desk"));
        assertThat(desk.statusCode()).isEqualTo(302);
        assertThat(desk.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff/login"));

        HttpResponse<String> login = send(get("/staff/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("lang=\"de\"", "Anmeldung", "name=\"_csrf\"", "<label for=\"username\"");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        assertThat(send(get("/staff/login?lang=en")).body()).contains("lang=\"en\"", "Staff sign-in");
        assertThat(send(get("/staff/login").header("Accept-Language", "en-GB,en;q=0.8")).body())
                .as("German first: the language is picked on the page, not taken from the browser")
                .contains("Anmeldung");
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> response = send(post("/staff/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo-password")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).as("the shared, accessible error page in both languages")
                .contains("<h1>Kein Zugriff</h1>", "lang=\"en\">No access", "Sitzung vielleicht abgelaufen");
    }

    @Test
    void anonymousHealthSaysOnlyUpOrDown() throws Exception {
        HttpResponse<String> health = send(get("/actuator/health"));

        assertThat(health.statusCode()).isEqualTo(200);
        // the status and nothing else: no components, not even the names of Boot's probe groups
        assertThat(health.body()).isEqualTo(STATUS_ONLY);
        assertThat(send(get("/actuator/health/readiness")).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void opsSeeHealthDetailsMetricsAndTheScrapeByBasicOrBearer() throws Exception {
        assertThat(send(basic(get("/actuator/health"), "ops")).body()).contains("\"components\"", "\"mongo\"");
        assertThat(send(basic(get("/actuator/metrics"), "ops")).statusCode()).isEqualTo(200);
        assertThat(send(basic(get("/actuator"), "admin")).statusCode()).isEqualTo(200);
        String token = ISSUER.token("prometheus", List.of("ops"), List.of());
        HttpResponse<String> scrape = send(bearer(get("/actuator/prometheus"), token));
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("staff_sign_in_failures_total");
    }

    @Test
    void theScrapeAccountReadsMetricsAndHealthDetailsAndNothingElse() throws Exception {
        assertThat(send(basic(get("/actuator/prometheus"), "scraper")).statusCode()).isEqualTo(200);
        assertThat(send(basic(get("/actuator/metrics"), "scraper")).statusCode()).isEqualTo(200);
        assertThat(send(basic(get("/actuator/health"), "scraper")).body()).contains("\"components\"");
        assertThat(send(basic(get("/actuator"), "scraper")).statusCode()).isEqualTo(403);
        assertThat(send(basic(get("/actuator/info"), "scraper")).statusCode()).isEqualTo(403);
        assertThat(send(basic(get("/api/centres/korbach/doses"), "scraper")).statusCode()).isEqualTo(403);
        String token = ISSUER.token("prometheus", List.of("monitoring"), List.of());
        assertThat(send(bearer(get("/actuator/prometheus"), token)).statusCode()).isEqualTo(200);
        assertThat(send(bearer(get("/actuator"), token)).statusCode()).isEqualTo(403);
    }

    @Test
    void managementEndpointsChallengeAnonymousCallersAndRefuseOperatorsWithoutARedirect() throws Exception {
        for (String path : List.of("/actuator", "/actuator/metrics", "/actuator/prometheus", "/actuator/info",
                "/actuator/health/mongo")) {
            HttpResponse<String> anonymous = send(get(path));
            assertThat(anonymous.statusCode()).as(path).isIn(401, 404);
            if (anonymous.statusCode() == 401) {
                assertThat(anonymous.headers().allValues("WWW-Authenticate")).as(path)
                        .contains("Basic realm=\"nachruecker-staff\"", "Bearer");
                assertThat(anonymous.headers().firstValue("Content-Type")).as(path)
                        .hasValue("application/problem+json;charset=UTF-8");
            }
            assertThat(anonymous.body()).as(path).doesNotContain("\"components\"");
        }
        assertThat(send(get("/actuator/metrics")).statusCode()).isEqualTo(401);
        HttpResponse<String> operator = send(basic(get("/actuator/metrics"), "op-korbach"));
        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(operator.body()).contains("\"status\":403");
        assertThat(send(basic(get("/actuator/health"), "op-korbach")).body()).isEqualTo(STATUS_ONLY);
    }

    @Test
    void anAccountBacksOffLongerWithEveryFailureAndRefusesEvenTheRightPasswordMeanwhile(CapturedOutput output)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(basic(get("/actuator/metrics"), "guarded", "guess-" + i)).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = send(basic(get("/actuator/metrics"), "guarded"));
        assertThat(refused.statusCode()).as("the right password during the back-off").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(refused.body()).contains("\"status\":429");
        assertThat(send(basic(get("/api/centres/kassel/doses"), "guarded")).statusCode()).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(send(basic(get("/actuator/metrics"), "guarded", "guess-3")).statusCode()).isEqualTo(401);
        CLOCK.advance(Duration.ofSeconds(3));
        HttpResponse<String> longer = send(basic(get("/actuator/metrics"), "guarded"));
        assertThat(longer.statusCode()).as("the back-off doubled to 4 s").isEqualTo(429);
        assertThat(longer.headers().firstValue("Retry-After")).hasValue("1");

        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(send(basic(get("/actuator/metrics"), "guarded")).statusCode()).isEqualTo(200);
        assertThat(send(basic(get("/actuator/metrics"), "op-korbach")).statusCode())
                .as("other accounts were never held up").isEqualTo(403);
        assertThat(output.getOut()).contains("staff sign-in failed: account guarded from 127.0.0.1 (4 failed in a row)")
                .doesNotContain("guess-");
    }

    @Test
    void anAddressThatGuessesManyAccountsBacksOffForEveryAccount(CapturedOutput output) throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(send(basic(get("/api/centres/kassel/doses"), "nobody-" + i, "secret-" + i)).statusCode())
                    .isEqualTo(401);
        }

        HttpResponse<String> refused = send(basic(get("/api/centres/kassel/doses"), "ops"));
        assertThat(refused.statusCode()).as("a right password from the address during its back-off").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");

        CLOCK.advance(Duration.ofSeconds(2));
        assertThat(send(basic(get("/api/centres/kassel/doses"), "ops")).statusCode()).isEqualTo(200);
        assertThat(output.getOut()).contains("staff sign-in failed: account (unknown account) from 127.0.0.1")
                .doesNotContain("nobody-").doesNotContain("secret-");
    }

    @Test
    void theLoginFormBacksOffToo() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = signIn(browser, "guarded", "guess-" + i);
            assertThat(wrong.statusCode()).isEqualTo(302);
            assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                    .endsWith("/staff/login?error"));
        }

        HttpResponse<String> refused = signIn(browser, "guarded", "demo-password");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(refused.body()).contains("lang=\"de\"", "Zu viele fehlgeschlagene Anmeldungen", "2 Sekunden");

        CLOCK.advance(Duration.ofSeconds(2));
        HttpResponse<String> signedIn = signIn(browser, "guarded", "demo-password");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .doesNotContain("/staff/login"));
    }

    private HttpResponse<String> signIn(HttpClient browser, String user, String password) throws Exception {
        String page = browser.send(get("/staff/login").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=" + user + "&password=" + password + "&_csrf=" + csrf.group(1);
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpRequest.Builder basic(HttpRequest.Builder request, String user) {
        return basic(request, user, "demo-password");
    }

    private static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
        return request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
