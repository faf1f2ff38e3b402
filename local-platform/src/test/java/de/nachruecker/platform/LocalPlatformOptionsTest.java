package de.nachruecker.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
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
        assertThat(options.servicePorts().all(1)).containsExactlyInAnyOrder(8081, 8082, 8083, 8084);
        assertThat(options.jit()).isEqualTo(Jit.C2);
    }

    @Test
    void theC1CompilerOnlyIsTheSettingThatTradesThroughputForMemory() {
        assertThat(LocalPlatformOptions.parse(new String[] {"--jit=c1"}, Map.of()).jit().jvmOptions())
                .containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(LocalPlatformOptions.parse(new String[0], Map.of("PLATFORM_JIT", "C1")).jit()).isEqualTo(Jit.C1);
        assertThatThrownBy(() -> LocalPlatformOptions.parse(new String[] {"--jit=graal"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--jit");
    }

    @Test
    void servicesFollowTheirBasePortAndASecondAllocationInstanceSitsAHundredAbove() {
        LocalPlatformOptions options = LocalPlatformOptions.parse(
                new String[] {"--service-port-base=9181", "--allocation-instances=2"}, Map.of());

        ServicePorts ports = options.servicePorts();
        assertThat(ports.registration()).isEqualTo(9181);
        assertThat(ports.slot()).isEqualTo(9182);
        assertThat(ports.allocation(1)).isEqualTo(9183);
        assertThat(ports.notification()).isEqualTo(9184);
        assertThat(ports.allocation(2)).isEqualTo(9283);
        assertThat(ports.all(options.allocationInstances())).containsExactlyInAnyOrder(9181, 9182, 9183, 9184, 9283);
    }

    @Test
    void servicePortBaseFromTheEnvironment() {
        LocalPlatformOptions options = LocalPlatformOptions.parse(new String[0],
                Map.of("PLATFORM_SERVICE_PORT_BASE", "18081"));

        assertThat(options.servicePorts().registration()).isEqualTo(18081);
        assertThat(options.servicePorts().notification()).isEqualTo(18084);
    }

    @Test
    void refusesServicePortsBeyondTheLastPort() {
        assertThatThrownBy(() -> LocalPlatformOptions.parse(new String[] {"--service-port-base=65533"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--service-port-base");
        assertThatThrownBy(() -> LocalPlatformOptions.parse(
                new String[] {"--service-port-base=65500", "--allocation-instances=2"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allocation instances");
    }

    @Test
    void freeServicePortsAreFreeAndBelowTheEphemeralRange() {
        ServicePorts ports = ServicePorts.free(2);

        assertThat(ports.all(2)).allMatch(Ports::isFree).allMatch(port -> port < 32_768);
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

    @Test
    void storeCompactionIntervalInEitherNotationFromOptionOrEnvironment() {
        assertThat(LocalPlatformOptions.parse(new String[0], Map.of()).storeCompactionInterval())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(LocalPlatformOptions.parse(new String[] {"--store-compaction-interval=10s"}, Map.of())
                .storeCompactionInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(LocalPlatformOptions.parse(new String[] {"--store-compaction-interval=PT2M"}, Map.of())
                .storeCompactionInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(LocalPlatformOptions.parse(new String[0], Map.of("PLATFORM_STORE_COMPACTION_INTERVAL", "500ms"))
                .storeCompactionInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(LocalPlatformOptions.parse(new String[] {"--store-compaction-interval=1h"},
                Map.of("PLATFORM_STORE_COMPACTION_INTERVAL", "500ms")).storeCompactionInterval())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesAnUnreadableOrEmptyCompactionInterval() {
        assertThatThrownBy(() -> LocalPlatformOptions.parse(new String[] {"--store-compaction-interval=soon"},
                Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--store-compaction-interval=soon");
        assertThatThrownBy(() -> LocalPlatformOptions.parse(new String[] {"--store-compaction-interval=0s"},
                Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--store-compaction-interval");
    }
}
