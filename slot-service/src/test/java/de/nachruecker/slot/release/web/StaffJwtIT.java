package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.application.PublishingRelease;
import de.nachruecker.slot.release.model.ReleaseDraft;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.support.testing.TestIdentityProvider;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Production sign-in: bearer JWTs of an identity provider, verified with its public key
 * ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), roles and centres from the {@code roles}
 * and {@code centres} claims. The centre claim is checked on every read and write.
 */
@RealBrokerAndDatabase
@SpringBootTest
@AutoConfigureMockMvc
class StaffJwtIT {

    static final TestIdentityProvider IDENTITY_PROVIDER = TestIdentityProvider.create();
    static final TestIdentityProvider IMPOSTOR = TestIdentityProvider.create();

    @DynamicPropertySource
    static void identityProviderKey(DynamicPropertyRegistry registry) {
        String location = IDENTITY_PROVIDER.writePublicKey(Path.of("target", "staff-jwt-it-public-key.pem"));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> location);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    PublishingRelease publishing;
    @Autowired
    MongoTemplate mongo;

    /** The Mongo server is shared by every test class of the run: each removes what it stored. */
    @AfterEach
    void removeReleases() {
        mongo.remove(new Query(), "releases");
    }

    @Test
    void anOperatorTokenOpensTheOwnCentreOnly() throws Exception {
        String token = token(IDENTITY_PROVIDER, List.of("operator"), List.of("korbach"), Duration.ofMinutes(5));
        String own = release("korbach");
        String other = release("kassel");

        read(own, token).andExpect(status().isOk()).andExpect(jsonPath("$.centreId").value("korbach"));
        read(other, token).andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        withdraw(own, token).andExpect(status().isOk());
        withdraw(other, token).andExpect(status().isForbidden());
    }

    @Test
    void anOpsTokenReadsEveryCentreAndChangesNone() throws Exception {
        String token = token(IDENTITY_PROVIDER, List.of("ops"), List.of(), Duration.ofMinutes(5));
        String release = release("kassel");

        read(release, token).andExpect(status().isOk());
        withdraw(release, token).andExpect(status().isForbidden());
    }

    @Test
    void expiredForeignOrMissingTokensAreRefused() throws Exception {
        String release = release("korbach");
        // expired beyond the decoder's clock skew of a minute
        String expired = token(IDENTITY_PROVIDER, List.of("operator"), List.of("korbach"), Duration.ofMinutes(-5));
        String foreign = token(IMPOSTOR, List.of("admin"), List.of(), Duration.ofMinutes(5));

        read(release, expired).andExpect(status().isUnauthorized())
                .andExpect(header().stringValues(HttpHeaders.WWW_AUTHENTICATE, hasItem(startsWith("Bearer"))));
        read(release, foreign).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/releases/{id}", release)).andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenWithoutAStaffRoleGrantsNothing() throws Exception {
        String token = token(IDENTITY_PROVIDER, List.of("citizen"), List.of("korbach"), Duration.ofMinutes(5));
        read(release("korbach"), token).andExpect(status().isForbidden());
    }

    private ResultActions read(String releaseId, String token) throws Exception {
        return mvc.perform(get("/api/releases/{id}", releaseId).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    private ResultActions withdraw(String releaseId, String token) throws Exception {
        return mvc.perform(post("/api/releases/{id}/withdrawal", releaseId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"vial dropped\"}"));
    }

    private String release(String centreId) {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        return publishing.publish(new ReleaseDraft(centreId, "COMIRNATY", 2,
                new TimeWindow(from, from.plus(Duration.ofHours(2))), from.plus(Duration.ofHours(3)), null), null)
                .release().id();
    }

    private static String token(TestIdentityProvider signer, List<String> roles, List<String> centres,
                                Duration validFor) {
        return signer.token("test-user", roles, centres, Instant.now().plus(validFor));
    }
}
