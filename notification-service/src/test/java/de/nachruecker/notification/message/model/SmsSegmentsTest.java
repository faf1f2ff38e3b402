package de.nachruecker.notification.message.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTest {

    @Test
    void gsm7FitsOneSegmentUpTo160AndThen153PerSegment() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    }

    @Test
    void germanUmlautsAreGsm7ButExtensionCharactersCountTwice() {
        assertThat(SmsSegments.isGsm7("Gießen, Äöü ÄÖÜ ß")).isTrue();
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(1);
        assertThat(SmsSegments.count("€".repeat(81))).isEqualTo(2);
    }

    @Test
    void anyOtherCharacterForcesUcs2() {
        assertThat(SmsSegments.isGsm7("Łódź")).isFalse();
        assertThat(SmsSegments.count("Ł" + "a".repeat(69))).isEqualTo(1);
        assertThat(SmsSegments.count("Ł" + "a".repeat(70))).isEqualTo(2);
        assertThat(SmsSegments.count("–" + "a".repeat(133))).isEqualTo(2);
        assertThat(SmsSegments.count("–" + "a".repeat(134))).isEqualTo(3);
    }
}
