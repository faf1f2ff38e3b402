package de.nachruecker.registration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Rate limits per client address and per phone number, with tight limits in a context of their own: a clear 429
 * problem (pages: a friendly page) with Retry-After; other addresses and numbers are not affected.
 */
class RateLimitIT extends IntegrationTestBase {

    @DynamicPropertySource
    static void tightLimits(DynamicPropertyRegistry properties) {
        properties.add("nachruecker.registration.rate-limits.register.per-address", () -> 3);
        properties.add("nachruecker.registration.rate-limits.register.per-phone", () -> 2);
        properties.add("nachruecker.registration.rate-limits.send-code.per-address", () -> 1);
        properties.add("nachruecker.registration.rate-limits.verify.per-phone", () -> 2);
        properties.add("nachruecker.registration.rate-limits.answer.per-address", () -> 2);
        properties.add("nachruecker.registration.rate-limits.sign-in.per-address", () -> 2);
    }

    @Test
    void registeringIsLimitedPerAddress() throws Exception {
        String address = address();
        for (int i = 0; i < 3; i++) {
            mvc.perform(register(request("Person " + "ABC".charAt(i), "1950-04-01", "0151 2345678" + i))
                    .with(from(address))).andExpect(status().isCreated());
        }
        MvcResult refused = mvc.perform(register(request("Person D", "1950-04-01", "0151 23456783"))
                        .with(from(address)))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.title").value("Too many requests"))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER)).andReturn();
        assertThat(Long.parseLong(refused.getResponse().getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3600L);
        assertThat(refused.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);

        mvc.perform(register(request("Person D", "1950-04-01", "0151 23456783")).with(from(address())))
                .andExpect(status().isCreated());
    }

    @Test
    void registeringOnePhoneNumberIsLimitedFromEveryAddress() throws Exception {
        for (int i = 0; i < 2; i++) {
            MvcResult created = mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0160 5550000"))
                    .with(from(address()))).andExpect(status().isCreated()).andReturn();
            mvc.perform(withToken(delete("/api/registrations/me"), accessToken(created)))
                    .andExpect(status().isNoContent());
        }
        mvc.perform(register(request("Erika Mustermann", "1950-04-01", "+49 160 5550000")).with(from(address())))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists(HttpHeaders.RETRY_AFTER));
        assertThat(mongo.getCollection(COLLECTION).countDocuments(
                new org.bson.Document("status", "AWAITING_VERIFICATION"))).isZero();
    }

    @Test
    void aHouseholdOnAProvedPhoneSendsNoCodesSoOnlyTheCodesCountAgainstThePhone() throws Exception {
        MvcResult first = mvc.perform(register(request("Erika Mustermann", "1944-03-12", "0160 5551111"))
                .with(from(address()))).andExpect(status().isCreated()).andReturn();
        enterCodeOf(first);
        // more people than the phone's registration allowance (2), none of them sends an SMS
        for (String name : List.of("Heinz Mustermann", "Otto Mustermann", "Anna Mustermann")) {
            mvc.perform(register(request(name, "1941-07-30", "0160 5551111")).with(from(address()))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken(first)))
                    .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("ACTIVE"));
        }
        // one more registration that sends a code fills the allowance; the next is refused
        mvc.perform(register(request("Karl Mustermann", "1938-01-01", "0160 5551111")).with(from(address())))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("AWAITING_VERIFICATION"));
        mvc.perform(register(request("Paul Mustermann", "1937-01-01", "0160 5551111")).with(from(address())))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void newCodesAreLimitedPerAddressAndWrongCodesPerPhone() throws Exception {
        MvcResult created = mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0151 99990000"))
                .with(from(address()))).andExpect(status().isCreated()).andReturn();
        String token = accessToken(created);
        String address = address();
        clock.advance(Duration.ofSeconds(61));
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token).with(from(address)))
                .andExpect(status().isAccepted());
        clock.advance(Duration.ofSeconds(61));
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token).with(from(address)))
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.title").value("Too many requests"))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));

        for (int i = 0; i < 2; i++) {
            mvc.perform(verification(token, address())).andExpect(status().isBadRequest());
        }
        mvc.perform(verification(token, address())).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.title").value("Too many requests"));
    }

    /**
     * Issue #15: refused "too soon" requests used up the allowances, so a citizen pressing "Neuen Code schicken" a few
     * times was locked out for longer than the first code was valid. Here the address may have one code and the
     * phone five (the default): neither is used up by refusals, from many addresses or from one.
     */
    @Test
    void refusedRequestsForANewCodeDoNotUseUpTheAllowances() throws Exception {
        MvcResult created = mvc.perform(register(request("Erika Mustermann", "1950-04-01", "0151 99990001"))
                .with(from(address()))).andExpect(status().isCreated()).andReturn();
        String token = accessToken(created);
        String address = address();
        for (int i = 0; i < 6; i++) {
            mvc.perform(withToken(post("/api/registrations/me/verification-code"), token).with(from(address())))
                    .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.title").value("Too soon"));
            mvc.perform(withToken(post("/api/registrations/me/verification-code"), token).with(from(address)))
                    .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.title").value("Too soon"));
        }
        clock.advance(Duration.ofSeconds(61));
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token).with(from(address)))
                .andExpect(status().isAccepted());
        clock.advance(Duration.ofSeconds(61));
        mvc.perform(withToken(post("/api/registrations/me/verification-code"), token).with(from(address)))
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.title").value("Too many requests"));
    }

    @Test
    void answersAreLimitedPerAddressInTheApiAndOnThePage() throws Exception {
        String address = address();
        for (int i = 0; i < 2; i++) {
            mvc.perform(answer(token()).with(from(address))).andExpect(status().isNotFound());
        }
        mvc.perform(answer(token()).with(from(address))).andExpect(status().isTooManyRequests())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));

        String page = mvc.perform(post("/offers/answer").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("token", token()).param("answer", "ACCEPT").with(csrf()).with(from(address)))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists(HttpHeaders.RETRY_AFTER))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Bitte warten Sie kurz");
    }

    @Test
    void signingInIsLimitedWithAFriendlyPage() throws Exception {
        String address = address();
        MockHttpSession session = new MockHttpSession();
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/sign-in").session(session).param("code", "A".repeat(43)).with(csrf())
                    .with(from(address))).andExpect(status().isBadRequest());
        }
        String page = mvc.perform(post("/sign-in").session(session).param("code", "A".repeat(43)).with(csrf())
                        .with(from(address)))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists(HttpHeaders.RETRY_AFTER))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"too-many\"", "Bitte warten Sie kurz", "lang=\"de\"");
        mvc.perform(get("/sign-in").with(from(address))).andExpect(status().isOk());
    }

    private MockHttpServletRequestBuilder verification(String token, String address) {
        return withToken(post("/api/registrations/me/verification"), token).with(from(address))
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\": \"000000\"}");
    }

    private static MockHttpServletRequestBuilder answer(String token) {
        return post("/api/offers/answer").contentType(MediaType.APPLICATION_JSON)
                .content("{\"token\": \"" + token + "\", \"answer\": \"ACCEPT\"}");
    }

    /** A fresh client address per call, so that tests do not share buckets. */
    private static String address() {
        UUID random = UUID.randomUUID();
        return "10." + (random.getMostSignificantBits() & 0xff) + "." + (random.getLeastSignificantBits() & 0xff)
                + "." + ((random.getLeastSignificantBits() >>> 8) & 0xff);
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
