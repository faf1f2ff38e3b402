package de.nachruecker.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPlatformOptionsTest {

    @Test
    void oneBrokerAndOneAllocationInstanceByDefault() {
        LocalPlatformOptions options = LocalPlatformOptions.parse(new String[0], Map.of());

        assertThat(options.brokers()).isEqualTo(1);
        assertThat(options.allocationInstances()).isEqualTo(1);
        assertThat(options.kafkaPort()).isEqualTo(9092);
    }

    @Test
    void clusterFromOptionsOrEnvironmentOptionsWinning() {
        LocalPlatformOptions options = LocalPlatformOptions.parse(new String[] {"--brokers=3"},
                Map.of("PLATFORM_BROKERS", "5", "PLATFORM_ALLOCATION_INSTANCES", "2"));

        assertThat(options.brokers()).isEqualTo(3);
        assertThat(options.allocationInstances()).isEqualTo(2);
    }

    @Test
    void refusesNoBrokerAtAll() {
        assertThatThrownBy(() -> LocalPlatformOptions.parse(new String[] {"--brokers=0"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--brokers");
    }
}
