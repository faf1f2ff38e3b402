package de.nachruecker.slot.release.web;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import de.nachruecker.support.testing.RealImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Publishing against the real {@code apache/kafka} and {@code mongo} images; skipped where there is no Docker. */
@SpringBootTest
@ActiveProfiles("staff-test")
@AutoConfigureMockMvc
class ReleaseApiContainersIT extends RealImages {

    /** An admin may act for every centre, so these tests are about the API's rules, not about access. */
    static final RequestPostProcessor STAFF = httpBasic("admin", "test-password");

    @Autowired
    MockMvc mvc;
    @Autowired
    EventCodec codec;

    @Test
    void publishedReleaseReachesDoseReleases() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        mvc.perform(post("/api/releases").contentType(MediaType.APPLICATION_JSON).content("""
                        {"centreId": "korbach", "product": "SPIKEVAX", "doseCount": 3,
                         "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}"""
                        .formatted(now.plusSeconds(600), now.plusSeconds(3600), now.plusSeconds(7200))).with(STAFF))
                .andExpect(status().isCreated());

        List<ConsumerRecord<String, byte[]>> records = firstRecordsOn(Topics.DOSE_RELEASES);
        assertThat(records.get(0).key()).isEqualTo("korbach");
        assertThat(codec.decode(records.get(0).value(), ReleaseEvent.class))
                .isInstanceOfSatisfying(DosesReleased.class, e -> assertThat(e.doseCount()).isEqualTo(3));
    }
}
