package de.nachruecker.allocation.it;

import org.junit.jupiter.api.DynamicTest;
import de.nachruecker.support.testing.ManagementEndpointMatrix;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Who may call what: every endpoint of the allocation service × every kind of caller, from one table, with real sign-in
 * (HTTP Basic for the API, the login form for pages). The table must name every endpoint the application maps, so a
 * new endpoint without a row fails the build.
 */
class AccessMatrixIT extends AllocationIntegrationTest {

    enum Caller {
        ANONYMOUS(null, null, null), OPERATOR_OWN_CENTRE("operator-own", "OPERATOR", OWN_CENTRE),
        OPERATOR_OTHER_CENTRE("operator-other", "OPERATOR", "matrix-other"), OPS("ops-anna", "OPS", null),
        ADMIN("admin-ben", "ADMIN", null),
        // the metrics scraper: management endpoints only (ManagementEndpointMatrix), nothing here
        MONITORING("monitor-max", "MONITORING", null);

        final String user;
        final String role;
        final String centre;

        Caller(String user, String role, String centre) {
            this.user = user;
            this.role = role;
            this.centre = centre;
        }

        /** The same person signing in through the identity provider instead of a password. */
        String token() {
            return StaffTokens.token(user + "-sso", List.of(role), centre == null ? List.of() : List.of(centre));
        }
    }

    /** An endpoint and the status each caller gets; {@code page} rows sign in through the login form. */
    record Row(HttpMethod method, String path, boolean page, String body, Map<Caller, Integer> expected) {

        String key() {
            return method + " " + path;
        }
    }

    /** Invalid on purpose: a 400 proves the caller got past authorization without changing the rules. */
    private static final String INVALID_RULES = "{\"openGroups\": []}";

    private static final List<Row> TABLE = List.of(
            api(HttpMethod.GET, "/api/ops/rules", null, 401, 403, 403, 200, 200, 403),
            api(HttpMethod.PUT, "/api/ops/rules", INVALID_RULES, 401, 403, 403, 400, 400, 403),
            api(HttpMethod.GET, "/api/ops/releases/{releaseId}", null, 401, 200, 403, 200, 200, 403),
            api(HttpMethod.GET, "/api/ops/releases/{releaseId}/audit", null, 401, 200, 403, 200, 200, 403),
            // anonymous: redirected to the login page; signed in without the role: refused
            page(HttpMethod.GET, "/ops", 302, 403, 403, 200, 200, 403));

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theTableNamesEveryEndpointOfTheService() {
        Set<String> mapped = mappings.getHandlerMethods().entrySet().stream()
                .filter(entry -> entry.getValue().getBeanType().getPackageName().startsWith("de.nachruecker.allocation"))
                .flatMap(entry -> keys(entry.getKey()))
                .collect(Collectors.toSet());
        assertThat(mapped).isNotEmpty();
        assertThat(TABLE.stream().map(Row::key)).containsExactlyInAnyOrderElementsOf(mapped);
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsWhatTheTableSays() {
        String releaseId = storedRelease(OWN_CENTRE, 2);
        return TABLE.stream().flatMap(row -> row.expected().entrySet().stream().map(cell ->
                DynamicTest.dynamicTest(row.key() + " as " + cell.getKey() + " → " + cell.getValue(), () -> {
                    MockHttpServletRequestBuilder call = request(row.method(),
                            row.path().replace("{releaseId}", releaseId));
                    if (row.body() != null) {
                        call.contentType(MediaType.APPLICATION_JSON).content(row.body());
                    }
                    signIn(call, row, cell.getKey());
                    int status = mvc.perform(call).andReturn().getResponse().getStatus();
                    assertThat(status).as(row.key() + " as " + cell.getKey()).isEqualTo(cell.getValue());
                })));
    }

    @TestFactory
    Stream<DynamicTest> aBearerTokenFromTheIdentityProviderGetsTheSameAsAPassword() {
        String releaseId = storedRelease(OWN_CENTRE, 2);
        return TABLE.stream().filter(row -> !row.page()).flatMap(row -> row.expected().entrySet().stream()
                .filter(cell -> cell.getKey() != Caller.ANONYMOUS)
                .map(cell -> DynamicTest.dynamicTest(row.key() + " with a token as " + cell.getKey(), () -> {
                    MockHttpServletRequestBuilder call = request(row.method(),
                            row.path().replace("{releaseId}", releaseId))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + cell.getKey().token());
                    if (row.body() != null) {
                        call.contentType(MediaType.APPLICATION_JSON).content(row.body());
                    }
                    assertThat(mvc.perform(call).andReturn().getResponse().getStatus())
                            .as(row.key() + " with a token as " + cell.getKey()).isEqualTo(cell.getValue());
                })));
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        String token = Caller.OPS.token();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        assertThat(mvc.perform(request(HttpMethod.GET, "/api/ops/rules")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)).andReturn().getResponse().getStatus())
                .isEqualTo(401);
    }

    /** The platform's management matrix (service-support), with the password sign-in of this table's callers. */
    @Test
    void managementEndpointsAnswerAsThePlatformMatrixSays(@Autowired PathMappedEndpoints endpoints) throws Exception {
        ManagementEndpointMatrix.check(endpoints, ManagementEndpointMatrix.mockMvc(mvc, caller -> switch (caller) {
            case ANONYMOUS -> Caller.ANONYMOUS.user;
            case OPERATOR -> Caller.OPERATOR_OWN_CENTRE.user;
            case OPS -> Caller.OPS.user;
            case ADMIN -> Caller.ADMIN.user;
            case MONITORING -> Caller.MONITORING.user;
        }, PASSWORD));
    }

    private void signIn(MockHttpServletRequestBuilder call, Row row, Caller caller) throws Exception {
        if (caller.user == null) {
            return;
        }
        if (row.page()) {
            MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/staff/login").user(caller.user)
                    .password(PASSWORD)).andReturn().getRequest().getSession(false);
            call.session(session);
        } else {
            call.with(httpBasic(caller.user, PASSWORD));
        }
    }

    private static Stream<String> keys(RequestMappingInfo info) {
        Set<String> paths = info.getPatternValues();
        return info.getMethodsCondition().getMethods().stream()
                .flatMap(method -> paths.stream().map(path -> method + " " + path));
    }

    private static Row api(HttpMethod method, String path, String body, int... statuses) {
        return new Row(method, path, false, body, statuses(statuses));
    }

    private static Row page(HttpMethod method, String path, int... statuses) {
        return new Row(method, path, true, null, statuses(statuses));
    }

    private static Map<Caller, Integer> statuses(int... statuses) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            expected.put(caller, statuses[caller.ordinal()]);
        }
        return expected;
    }
}
