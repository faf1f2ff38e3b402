package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.application.PublishingRelease;
import de.nachruecker.slot.release.application.TrackingFill;
import de.nachruecker.slot.release.model.ReleaseDraft;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.slot.testing.OfferEventSender;
import de.nachruecker.slot.testing.SlotServiceTestBase;
import de.nachruecker.support.security.StaffSecurity;
import de.nachruecker.support.testing.ManagementEndpointMatrix;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every endpoint of the service × every kind of staff member × a release of their own centre and of another: the
 * expected answer of each combination, from one table. Users sign in for real (HTTP Basic on the API, the login form
 * for the pages); the test fails if the service has an endpoint the table does not list.
 */
class AccessControlMatrixIT extends SlotServiceTestBase {

    /** A redirect to the login page: the pages' answer to anonymous users. */
    static final String LOGIN = "login";

    /**
     * Expected answer per endpoint for: anonymous, an operator on a release (or centre) of their own, an operator on
     * another centre's, ops, admin, the metrics scraper (management endpoints only). Ops and admins are asked about
     * both centres' releases.
     */
    static final String[] MATRIX = {
            // chain | method | path                                                  | anon  | own | other | ops | admin | scraper
            "API  | GET  | /api/vaccines                                           | 401   | 200 | 200 | 200 | 200 | 403",
            "API  | POST | /api/releases                                           | 401   | 201 | 403 | 403 | 201 | 403",
            "API  | GET  | /api/releases                                           | 401   | 200 | 200 | 200 | 200 | 403",
            "API  | GET  | /api/releases/{id}                                      | 401   | 200 | 403 | 200 | 200 | 403",
            "API  | PUT  | /api/releases/{id}                                      | 401   | 200 | 403 | 403 | 200 | 403",
            "API  | POST | /api/releases/{id}/withdrawal                           | 401   | 200 | 403 | 403 | 200 | 403",
            "API  | GET  | /api/releases/{id}/appointments                         | 401   | 200 | 403 | 200 | 200 | 403",
            "API  | POST | /api/releases/{id}/appointments/{offerId}/arrival       | 401   | 200 | 403 | 403 | 200 | 403",
            "PAGE | GET  | /                                                       | login | 302 | 302 | 302 | 302 | 403",
            "PAGE | GET  | /releases                                               | login | 200 | 200 | 200 | 200 | 403",
            "PAGE | POST | /releases                                               | login | 302 | 403 | 403 | 302 | 403",
            "PAGE | GET  | /releases/{id}                                          | login | 200 | 403 | 200 | 200 | 403",
            "PAGE | POST | /releases/{id}/correction                               | login | 302 | 403 | 403 | 302 | 403",
            "PAGE | POST | /releases/{id}/withdrawal                               | login | 302 | 403 | 403 | 302 | 403",
            "PAGE | POST | /releases/{id}/appointments/{offerId}/arrival           | login | 302 | 403 | 403 | 302 | 403",
    };

    enum Who {
        ANONYMOUS(null), OPERATOR_OWN(null), OPERATOR_OTHER(null), OPS("ops"), ADMIN("admin"),
        MONITORING("monitoring");

        final String fixedUser;

        Who(String fixedUser) {
            this.fixedUser = fixedUser;
        }
    }

    record Row(boolean api, String method, String path, Map<Who, String> expected) {

        static Row parse(String line) {
            String[] cells = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            Map<Who, String> expected = new HashMap<>();
            for (Who who : Who.values()) {
                expected.put(who, cells[3 + who.ordinal()]);
            }
            return new Row(cells[0].equals("API"), cells[1], cells[2], expected);
        }

        String key() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> cases() {
        return Arrays.stream(MATRIX).map(Row::parse).flatMap(row -> Arrays.stream(Who.values())
                .flatMap(who -> Stream.of("korbach", "kassel").map(centre -> Arguments.of(row.key(), who, centre,
                        row))));
    }

    @Autowired
    PublishingRelease publishing;
    @Autowired
    TrackingFill tracking;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    final Map<String, MockHttpSession> sessions = new HashMap<>();

    @Test
    void theTableListsEveryEndpointOfTheService() {
        Set<String> served = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getPackageName().startsWith("de.nachruecker.slot"))
                .flatMap(e -> e.getKey().getPathPatternsCondition().getPatternValues().stream()
                        .flatMap(path -> e.getKey().getMethodsCondition().getMethods().stream()
                                .map(method -> method.name() + " " + path)))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = Arrays.stream(MATRIX).map(Row::parse).map(Row::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(served);
    }

    @ParameterizedTest(name = "{0} as {1} on a release of {2}")
    @MethodSource("cases")
    void answersAsTheTableSays(String endpoint, Who who, String targetCentre, Row row) throws Exception {
        String user = userFor(who, targetCentre);
        String offerId = "offer-" + UUID.randomUUID();
        String releaseId = releaseWithAppointment(targetCentre, offerId);
        MockHttpServletRequestBuilder request = requestFor(row, releaseId, offerId, targetCentre);
        if (row.api()) {
            if (user != null) {
                request.with(httpBasic(user, PASSWORD));
            }
        } else {
            request.with(csrf());
            if (user != null) {
                request.session(sessionOf(user));
            }
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        String expected = row.expected().get(who);
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (expected.equals(LOGIN)) {
            assertThat(response.getStatus()).as(endpoint).isEqualTo(302);
            assertThat(location).as(endpoint).endsWith(StaffSecurity.LOGIN_PAGE);
        } else {
            assertThat(response.getStatus()).as(endpoint + " " + response.getContentAsString())
                    .isEqualTo(Integer.parseInt(expected));
            if (response.getStatus() == 302) {
                assertThat(location).as(endpoint).doesNotContain(StaffSecurity.LOGIN_PAGE);
            }
        }
    }

    @Test
    void listsShowOnlyTheCentresTheUserMayRead() throws Exception {
        String korbach = releaseWithAppointment("korbach", "offer-" + UUID.randomUUID());
        String kassel = releaseWithAppointment("kassel", "offer-" + UUID.randomUUID());

        String asOperator = mvc.perform(get("/api/releases").param("size", "100")
                        .with(httpBasic("operator-korbach", PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(asOperator).contains(korbach).doesNotContain(kassel).doesNotContain("\"kassel\"");
        mvc.perform(get("/api/releases").param("centreId", "kassel").with(httpBasic("operator-korbach", PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/releases").param("centreId", "kassel").with(httpBasic("ops", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].centreId").value(everyItem(is("kassel"))));

        String page = mvc.perform(get("/releases").session(sessionOf("operator-kassel")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("release-" + kassel).doesNotContain("release-" + korbach);
    }

    /** The platform's management matrix (service-support), signed in by HTTP Basic as on the API. */
    @Test
    void managementEndpointsAnswerAsThePlatformMatrixSays(@Autowired PathMappedEndpoints endpoints) throws Exception {
        ManagementEndpointMatrix.check(endpoints, ManagementEndpointMatrix.mockMvc(mvc, PASSWORD));
    }

    /** The operator acts on its own or another centre's release; ops and admins are the same on both. */
    private static String userFor(Who who, String targetCentre) {
        String otherCentre = targetCentre.equals("korbach") ? "kassel" : "korbach";
        return switch (who) {
            case ANONYMOUS -> null;
            case OPERATOR_OWN -> "operator-" + targetCentre;
            case OPERATOR_OTHER -> "operator-" + otherCentre;
            default -> who.fixedUser;
        };
    }

    private MockHttpServletRequestBuilder requestFor(Row row, String releaseId, String offerId, String centre) {
        String path = row.path().replace("{id}", releaseId).replace("{offerId}", offerId);
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()), path);
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        String window = """
                "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s\"""".formatted(from,
                from.plus(Duration.ofHours(2)), from.plus(Duration.ofHours(3)));
        switch (row.key()) {
            case "POST /api/releases" -> json(request, """
                    {"centreId": "%s", "product": "COMIRNATY", "doseCount": 3, %s}""".formatted(centre, window));
            case "PUT /api/releases/{id}" -> json(request, "{\"doseCount\": 4, " + window + "}");
            case "POST /api/releases/{id}/withdrawal" -> json(request, "{\"reason\": \"vial dropped\"}");
            case "POST /api/releases/{id}/appointments/{offerId}/arrival" ->
                    json(request, "{\"outcome\": \"VACCINATED\"}");
            case "POST /releases" -> request.param("centreId", centre).param("product", "COMIRNATY")
                    .param("doseCount", "3").param("windowFrom", local(from))
                    .param("windowTo", local(from.plus(Duration.ofHours(2))))
                    .param("usableUntil", local(from.plus(Duration.ofHours(3))));
            case "POST /releases/{id}/correction" -> request.param("doseCount", "4").param("windowFrom", local(from))
                    .param("windowTo", local(from.plus(Duration.ofHours(2))))
                    .param("usableUntil", local(from.plus(Duration.ofHours(3))));
            case "POST /releases/{id}/withdrawal" -> request.param("reason", "vial dropped");
            case "POST /releases/{id}/appointments/{offerId}/arrival" -> request.param("outcome", "VACCINATED");
            default -> {
                // reads need no body
            }
        }
        return request;
    }

    private static void json(MockHttpServletRequestBuilder request, String body) {
        request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String local(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(instant.atZone(ZoneId.of("Europe/Berlin")));
    }

    private String releaseWithAppointment(String centre, String offerId) {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        String releaseId = publishing.publish(new ReleaseDraft(centre, "COMIRNATY", 2,
                new TimeWindow(from, from.plus(Duration.ofHours(2))), from.plus(Duration.ofHours(3)), null), null)
                .release().id();
        tracking.onAll(List.of(OfferEventSender.confirmed(releaseId, offerId, "cand-" + offerId)));
        return releaseId;
    }

    /** Signs in through the login form, as a browser does, and keeps the session. */
    private MockHttpSession sessionOf(String user) {
        return sessions.computeIfAbsent(user, name -> {
            try {
                MvcResult login = mvc.perform(post(StaffSecurity.LOGIN_PAGE)
                                .param("username", name).param("password", PASSWORD).with(csrf()))
                        .andExpect(status().isFound()).andReturn();
                assertThat(login.getResponse().getHeader(HttpHeaders.LOCATION)).doesNotContain("error");
                return (MockHttpSession) login.getRequest().getSession();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
