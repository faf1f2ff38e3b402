package de.nachruecker.support.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OutboxRelayShutdownTest {

    @Test
    void aWriteDuringShutdownLeavesItsEventsToTheNextSweepInsteadOfFailing() {
        List<ThreadPoolTaskExecutor> lanes = List.of(lane(), lane());
        OutboxRelay relay = new OutboxRelay(null, null, lanes, List.of("documents"), new SimpleMeterRegistry());

        relay.destroy();

        assertThat(lanes).allMatch(lane -> lane.getThreadPoolExecutor().isShutdown());
        assertThatNoException().isThrownBy(() -> relay.relayAsync("documents", "id-1"));
    }

    @Test
    void everyRelayOfADocumentGoesToTheSameLaneAndDocumentsSpreadOverAllLanes() {
        List<ThreadPoolTaskExecutor> lanes = List.of(lane(), lane(), lane(), lane());
        OutboxRelay relay = new OutboxRelay(null, null, lanes, List.of("documents"), new SimpleMeterRegistry());
        try {
            Set<ThreadPoolTaskExecutor> used = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                String id = "id-" + i;
                ThreadPoolTaskExecutor lane = relay.laneOf("documents", id);
                assertThat(relay.laneOf("documents", id)).isSameAs(lane);
                used.add(lane);
            }
            assertThat(used).containsExactlyInAnyOrderElementsOf(lanes);
        } finally {
            relay.destroy();
        }
    }

    private static ThreadPoolTaskExecutor lane() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
