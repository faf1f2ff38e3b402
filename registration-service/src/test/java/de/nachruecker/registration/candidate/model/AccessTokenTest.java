package de.nachruecker.registration.candidate.model;

import de.nachruecker.registration.shared.model.Sha256;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest {

    @Test
    void codesAre28SymbolsWithoutLookalikesCarryingAtLeast128BitsAndAreStoredAsHash() {
        assertThat(AccessToken.ALPHABET).hasSize(32).doesNotContain("I", "L", "O", "U");
        double bits = AccessToken.LENGTH * (Math.log(AccessToken.ALPHABET.length()) / Math.log(2));
        assertThat(bits).isGreaterThanOrEqualTo(128.0);
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        Set<Character> symbols = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            AccessToken token = AccessToken.generate(random);
            token.value().chars().forEach(c -> symbols.add((char) c));
            assertThat(token.value()).matches("[0-9A-HJKMNP-TV-Z]{28}");
            assertThat(token.hash()).matches("[0-9a-f]{64}").isNotEqualTo(token.value());
            assertThat(seen.add(token.value())).isTrue();
        }
        assertThat(symbols).as("every symbol is drawn, so each carries its 5 bits").hasSize(32);
    }

    @Test
    void isShownInGroupsOfFour() {
        AccessToken token = AccessToken.parse("7KQM3XDA9PZT0VWXY2HJ4N6R8BCE").orElseThrow();
        assertThat(token.grouped()).isEqualTo("7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BCE");
    }

    @Test
    void typedBackSpacesDashesCaseAndLookalikesDoNotMatter() {
        AccessToken issued = AccessToken.parse("7KQM3XDA9PZT0VWXY2HJ1N6R8BCE").orElseThrow();
        for (String typed : new String[] {"7KQM 3XDA 9PZT 0VWX Y2HJ 1N6R 8BCE", "7kqm-3xda-9pzt-0vwx-y2hj-1n6r-8bce",
                " 7KQM3XDA 9PZT-OVWX y2hj iN6R 8BCE ", "7KQM 3XDA 9PZT oVWX Y2HJ lN6R 8BCE"}) {
            assertThat(AccessToken.parse(typed)).as(typed).get().extracting(AccessToken::hash)
                    .isEqualTo(issued.hash());
        }
    }

    @Test
    void parsesOnlyWhatCouldBeAnIssuedToken() {
        assertThat(AccessToken.parse(null)).isEmpty();
        assertThat(AccessToken.parse("short")).isEmpty();
        assertThat(AccessToken.parse("7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BC")).as("a symbol missing").isEmpty();
        assertThat(AccessToken.parse("7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BCU")).as("U is not in the alphabet").isEmpty();
        assertThat(AccessToken.parse("7KQM 3XDA 9PZT 0VWX Y2HJ 4N6R 8BCE 1")).as("one too many").isEmpty();
    }

    @Test
    void aTokenIssuedBeforeStaysValidAsItWas() {
        String legacy = "C63AFgNI2bSs86omRrKks7vtMHKx_ABHHYbwHe2LsbY";
        AccessToken token = AccessToken.parse(legacy).orElseThrow();
        assertThat(token.value()).isEqualTo(legacy);
        assertThat(token.hash()).isEqualTo(Sha256.hex(legacy));
        assertThat(token.grouped()).isEqualTo(legacy);
        assertThat(AccessToken.parse(legacy + "=")).isEmpty();
    }

    @Test
    void neverPrintsItself() {
        AccessToken token = AccessToken.generate(new SecureRandom());
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
