package de.nachruecker.registration.registration.model;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest {

    @Test
    void tokensAre256RandomBitsInBase64UrlAndStoredAsHash() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            AccessToken token = AccessToken.generate(random);
            assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
            assertThat(token.hash()).matches("[0-9a-f]{64}").isNotEqualTo(token.value());
            assertThat(seen.add(token.value())).isTrue();
        }
    }

    @Test
    void parsesOnlyWhatCouldBeAnIssuedToken() {
        AccessToken issued = AccessToken.generate(new SecureRandom());
        assertThat(AccessToken.parse(issued.value())).get().extracting(AccessToken::hash).isEqualTo(issued.hash());
        assertThat(AccessToken.parse(null)).isEmpty();
        assertThat(AccessToken.parse("short")).isEmpty();
        assertThat(AccessToken.parse(issued.value() + "=")).isEmpty();
    }

    @Test
    void neverPrintsItself() {
        AccessToken token = AccessToken.generate(new SecureRandom());
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
