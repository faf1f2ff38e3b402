package de.nachruecker.registration.offer.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTokenTest {

    @Test
    void hashesLikeTheAllocationServiceSha256Base64UrlWithoutPadding() {
        // SHA-256("abcdefghijklmnopqrstuvwxyz012345") in base64url without padding
        assertThat(AnswerToken.hashOf("abcdefghijklmnopqrstuvwxyz012345"))
                .contains("ZTuxJF6Cj82k-lP81aPe9b12VOZR9UtBMrc9dOZENcQ");
    }

    @Test
    void inputThatCannotBeATokenOfAtLeast128BitsIsNoToken() {
        assertThat(AnswerToken.hashOf(null)).isEmpty();
        assertThat(AnswerToken.hashOf("")).isEmpty();
        assertThat(AnswerToken.hashOf("tooShort")).isEmpty();
        assertThat(AnswerToken.hashOf("abcdefghijklmnopqrstuv+/")).isEmpty();
        assertThat(AnswerToken.hashOf("x".repeat(129))).isEmpty();
        assertThat(AnswerToken.hashOf("abcdefghijklmnopqrstuv")).isPresent();
    }
}
