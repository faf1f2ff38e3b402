package de.nachruecker.allocation.it;

import de.nachruecker.allocation.ops.application.WatchingEventFlow;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

class OpsPageIT extends AllocationIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    WatchingEventFlow flow;

    @Test
    void showsFlowLagReleasesAtRiskAndTodaysWasteWithoutScript() throws Exception {
        register(2, PriorityGroup.GENERAL);
        String expiring = release(3, Duration.ofMinutes(20));
        String nearing = release(4, Duration.ofMinutes(50));
        await().atMost(Duration.ofSeconds(15)).until(() -> releaseStore.find(expiring).isPresent()
                && releaseStore.find(nearing).isPresent());
        flow.sample();
        clock.advance(Duration.ofMinutes(21));
        vialClock.watch(); // the first release expires with 3 doses left, the second (29 min left) is at risk
        flow.sample();

        String page = overview("ops-anna", "");
        assertThat(page).contains("Betrieb: Zuteilung").contains("lädt alle 30 Sekunden neu")
                .contains("<meta http-equiv=\"refresh\" content=\"30\">");
        assertThat(section(page, "at-risk")).contains(nearing).doesNotContain(expiring);
        assertThat(section(page, "wasted")).contains(centre).contains(">3<");
        assertThat(section(page, "flow")).contains("<code>dose-releases</code>").contains("<code>offers</code>")
                .contains("<code>arrivals.dead-letters</code>");
        assertThat(section(page, "lag")).contains("allocation-service").contains("<code>dose-releases</code>");
        assertThat(page).doesNotContain("<script").doesNotContain("style=");

        String english = overview("admin-ben", "?lang=en");
        assertThat(english).contains("Operations: allocation").contains("Doses wasted today")
                .contains("Consumer lag");
    }

    @Test
    void theHeadersKeepThePageOnItsOwnOrigin() throws Exception {
        MvcResult result = mvc.perform(get("/ops").session(signIn("ops-anna"))).andReturn();
        assertThat(result.getResponse().getHeader("Content-Security-Policy")).contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(result.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    }

    private String overview(String user, String query) throws Exception {
        MvcResult result = mvc.perform(get("/ops" + query).session(signIn(user))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private MockHttpSession signIn(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/staff/login").user(user).password(PASSWORD)).andReturn()
                .getRequest().getSession(false);
    }

    /** The HTML of the page section with this id, so that an assertion cannot pass on text elsewhere. */
    private static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }
}
