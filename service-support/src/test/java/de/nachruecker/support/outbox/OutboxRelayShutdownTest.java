package de.nachruecker.support.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OutboxRelayShutdownTest {

    @Test
    void aWriteDuringShutdownLeavesItsEventsToTheNextSweepInsteadOfFailing() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        OutboxRelay relay = new OutboxRelay(null, null, executor, List.of("documents"), new SimpleMeterRegistry());

        relay.destroy();

        assertThat(executor.getThreadPoolExecutor().isShutdown()).isTrue();
        assertThatNoException().isThrownBy(() -> relay.relayAsync("documents", "id-1"));
    }
}
