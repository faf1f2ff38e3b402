package de.nachruecker.slot.web;

import de.nachruecker.slot.testing.SlotServiceTestBase;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management endpoints on a port of their own, as the compose stack and production run them
 * ({@code management.server.port}): the service's port serves no {@code /actuator}; on the management port the same
 * rules hold as on a shared port (status for everyone, the rest for ops by HTTP Basic, 401 without a redirect).
 */
@RealBrokerAndDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("staff-test")
class ManagementPortIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void theServicePortServesNoManagementEndpoint() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/prometheus"}) {
            HttpResponse<String> response = get(port, path, "ops");
            // the staff pages' chain has it: the login page for anonymous callers, 404 for staff
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("\"status\":\"UP\"", "jvm_memory");
        }
    }

    @Test
    void theManagementPortAnswersStatusToAnyoneAndMetricsToOps() throws Exception {
        HttpResponse<String> health = get(managementPort, "/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
        assertThat(get(managementPort, "/actuator/health", "ops").body()).contains("\"components\"");

        HttpResponse<String> anonymous = get(managementPort, "/actuator/prometheus", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Basic"));
        assertThat(get(managementPort, "/actuator/prometheus", "operator-korbach").statusCode()).isEqualTo(403);
        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus", "ops");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("staff_sign_in_failures_total");
    }

    private HttpResponse<String> get(int onPort, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + SlotServiceTestBase.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
