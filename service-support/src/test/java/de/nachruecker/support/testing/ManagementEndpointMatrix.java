package de.nachruecker.support.testing;

import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix of the management endpoints, the same in every service: built from the endpoints the service
 * really exposes ({@link PathMappedEndpoints}), so an endpoint exposed later is checked without a new row. Anonymous
 * callers and operators get the health status only ({@code {"status":"UP"}}: no details, no group names); everything
 * else (index, metrics, Prometheus, info, health details) needs ops or admin, and an anonymous caller is challenged
 * with 401 and {@code WWW-Authenticate} (never redirected to a login page). The scrape-only account (Prometheus, role
 * MONITORING) gets metrics, the Prometheus scrape and the health details, and is refused everything else (each
 * service's own access matrix refuses it the staff API and pages). Each service supplies the transport
 * ({@link Probe}: MockMvc or real HTTP).
 */
public final class ManagementEndpointMatrix {

    /**
     * Who asks: nobody, a centre operator, ops, an admin, the metrics scraper (each signed in as the service's tests
     * sign in).
     */
    public enum Caller { ANONYMOUS, OPERATOR, OPS, ADMIN, MONITORING }

    /** What the scraper may read beside the health details. */
    private static final List<String> SCRAPED = List.of("/metrics", "/prometheus");

    /** What came back. */
    public record Answer(int status, String body, String wwwAuthenticate) {
    }

    /** One GET of {@code path} as {@code caller}. */
    @FunctionalInterface
    public interface Probe {
        Answer get(String path, Caller caller) throws Exception;
    }

    /** The accounts the services' test configurations give each caller (the operator works at Korbach). */
    public static String standardUser(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case OPERATOR -> "operator-korbach";
            case OPS -> "ops";
            case ADMIN -> "admin";
            case MONITORING -> "monitoring";
        };
    }

    /** The probe of a MockMvc test: {@link #standardUser} signed in by HTTP Basic with {@code password}. */
    public static Probe mockMvc(MockMvc mvc, String password) {
        return mockMvc(mvc, ManagementEndpointMatrix::standardUser, password);
    }

    /** The probe of a MockMvc test whose callers sign in by HTTP Basic as {@code userOf} says (null: anonymous). */
    public static Probe mockMvc(MockMvc mvc, Function<Caller, String> userOf, String password) {
        return (path, caller) -> {
            MockHttpServletRequestBuilder call = get(path);
            String user = userOf.apply(caller);
            if (user != null) {
                call.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            MockHttpServletResponse response = mvc.perform(call).andReturn().getResponse();
            return new Answer(response.getStatus(), response.getContentAsString(),
                    response.getHeader(HttpHeaders.WWW_AUTHENTICATE));
        };
    }

    private static final Pattern STATUS_ONLY = Pattern.compile("\\{\"status\":\"(UP|DOWN|OUT_OF_SERVICE|UNKNOWN)\"}");

    private ManagementEndpointMatrix() {
    }

    /** Asks every exposed endpoint (and the index and probes) as every caller; fails with the list of deviations. */
    public static void check(PathMappedEndpoints endpoints, Probe probe) throws Exception {
        String base = endpoints.getBasePath();
        TreeSet<String> paths = new TreeSet<>(endpoints.getAllPaths());
        paths.add(base);
        assertThat(paths).as("the management endpoints the platform exposes")
                .contains(base + "/health", base + "/metrics", base + "/prometheus");
        String health = base + "/health";
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            for (Caller caller : Caller.values()) {
                Answer answer = probe.get(path, caller);
                String expected = expected(path.equals(health), SCRAPED.contains(path.substring(base.length())),
                        caller);
                String actual = actual(answer);
                if (!expected.equals(actual)) {
                    wrong.add(path + " as " + caller + ": expected " + expected + " but got " + actual + " (HTTP "
                            + answer.status() + ")");
                }
            }
        }
        for (String probePath : List.of(health + "/liveness", health + "/readiness")) {
            Answer answer = probe.get(probePath, Caller.ANONYMOUS);
            if (answer.status() != 200 || !answer.body().contains("\"UP\"")) {
                wrong.add(probePath + " as ANONYMOUS: expected 200 UP but got " + answer.status());
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String expected(boolean health, boolean scraped, Caller caller) {
        boolean staffWhoWatch = caller == Caller.OPS || caller == Caller.ADMIN;
        boolean scraper = caller == Caller.MONITORING;
        if (health) {
            return staffWhoWatch || scraper ? "details" : "status only";
        }
        if (staffWhoWatch || scraper && scraped) {
            return "allowed";
        }
        return caller == Caller.ANONYMOUS ? "challenged" : "forbidden";
    }

    private static String actual(Answer answer) {
        if (answer.status() == 200) {
            if (answer.body().contains("\"components\"")) {
                return "details";
            }
            // the status and nothing else: no group names, no components
            return STATUS_ONLY.matcher(answer.body().strip()).matches() ? "status only" : "allowed";
        }
        if (answer.status() == 401 && answer.wwwAuthenticate() != null
                && answer.wwwAuthenticate().startsWith("Basic")) {
            return "challenged";
        }
        return answer.status() == 403 ? "forbidden" : "HTTP " + answer.status();
    }
}
