package de.nachruecker.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolOptionsTest {

    @Test
    void readsValuesFlagsAndDurations() {
        ToolOptions options = ToolOptions.parse("--rate=50", "--attach", "--duration=PT2M", "--drain=30");

        assertThat(options.integer("rate", 100)).isEqualTo(50);
        assertThat(options.has("attach")).isTrue();
        assertThat(options.duration("duration", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.duration("drain", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.integer("candidates", 100_000)).isEqualTo(100_000);
        options.refuseUnknown();
    }

    @Test
    void aMisspelledOptionIsRefusedNotIgnored() {
        ToolOptions options = ToolOptions.parse("--rates=50");
        options.integer("rate", 100);

        assertThatThrownBy(options::refuseUnknown).hasMessageContaining("rates");
    }
}
