package de.nachruecker.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChildProcessTest {

    @Test
    void everyChildJvmTrimsItsNativeHeapOnAJdkThatKnowsTheOption() {
        List<String> command = ChildProcess.javaLauncher(Runtime.Version.parse("17.0.15"));

        assertThat(command).hasSize(2).endsWith(ChildProcess.TRIM_NATIVE_HEAP);
        assertThat(Path.of(command.get(0)).getFileName()).hasToString("java");
        assertThat(ChildProcess.javaLauncher(Runtime.Version.parse("17.0.8"))).hasSize(1);
    }

    @Test
    void anOlderJdkIsNotGivenTheOptionItWouldRefuse() {
        assertThat(ChildProcess.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
        assertThat(ChildProcess.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
        assertThat(ChildProcess.trimsNativeHeap(Runtime.Version.parse("20.0.2"))).isFalse();
        assertThat(ChildProcess.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
        assertThat(ChildProcess.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
        assertThat(ChildProcess.trimsNativeHeap(Runtime.Version.parse("22"))).isTrue();
    }

    @Test
    void childrenGetTwoMallocArenasUnlessTheCallerChoseOtherwise() {
        Map<String, String> inherited = new HashMap<>(Map.of("PATH", "/usr/bin"));
        ChildProcess.childEnvironment(inherited, Map.of("SERVER_PORT", "8081"));
        assertThat(inherited).containsEntry("MALLOC_ARENA_MAX", "2").containsEntry("SERVER_PORT", "8081")
                .containsEntry("PATH", "/usr/bin");

        Map<String, String> chosen = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "4"));
        ChildProcess.childEnvironment(chosen, Map.of());
        assertThat(chosen).containsEntry("MALLOC_ARENA_MAX", "4");
    }
}
