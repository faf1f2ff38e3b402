package de.nachruecker.slot.testing;

import de.nachruecker.events.EventCodec;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole service against a real broker and the MongoDB-protocol server, with the test staff (profile
 * {@code staff-test}, password {@link #PASSWORD}) on the real clock. Subclasses share one application context.
 */
@RealBrokerAndDatabase
@SpringBootTest
@ActiveProfiles("staff-test")
@AutoConfigureMockMvc
public abstract class SlotServiceTestBase {

    public static final String PASSWORD = "test-password";

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected EventCodec codec;

    @Autowired
    protected MongoTemplate mongo;

    protected final JsonMapper json = JsonMapper.builder().build();

    /** The Mongo server is shared by every test class of the run: each removes what it stored. */
    @AfterEach
    void removeReleases() {
        mongo.remove(new Query(), "releases");
    }

    /** Publishes a release of {@code centreId} through the API as {@code user}, window starting in an hour. */
    protected String publishRelease(String user, String centreId, int doseCount) throws Exception {
        Instant from = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String response = mvc.perform(post("/api/releases").with(httpBasic(user, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"centreId": "%s", "product": "COMIRNATY", "doseCount": %d,
                                 "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}"""
                                .formatted(centreId, doseCount, from, from.plus(Duration.ofHours(2)),
                                        from.plus(Duration.ofHours(3)))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(response).get("id").asString();
    }

    protected OfferEventSender offers() {
        return new OfferEventSender(broker, codec);
    }
}
