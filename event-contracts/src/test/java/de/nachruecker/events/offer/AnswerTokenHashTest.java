package de.nachruecker.events.offer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTokenHashTest {

    @Test
    void isSha256OfTheCharactersInBase64UrlWithoutPadding() {
        // the FIPS 180-2 test vector SHA-256("abc") = ba7816bf…15ad, written base64url without padding
        assertThat(AnswerTokenHash.of("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(AnswerTokenHash.of("abcdefghijklmnopqrstuvwxyz012345"))
                .isEqualTo("ZTuxJF6Cj82k-lP81aPe9b12VOZR9UtBMrc9dOZENcQ");
    }
}
