package de.nachruecker.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's supervision with real child processes: a part killed from outside is named with its cause and the
 * platform is stopped with exit code 3; a part its owner stops is not reported.
 */
class SupervisionIT {

    @TempDir
    Path dir;
    @RegisterExtension
    final ChildStore store = new ChildStore();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Supervision supervision = new Supervision(new PrintStream(output, true, StandardCharsets.UTF_8),
            exit::complete);
    private StandInsProcess standIns;

    @AfterEach
    void stop() {
        supervision.stopping();
        ChildProcess.onUnexpectedExit(null);
        if (standIns != null) {
            standIns.close();
        }
    }

    @Test
    void aPartKilledFromOutsideStopsThePlatformNamingIt() throws Exception {
        supervision.watch();
        MongoProcess mongo = store.start(dir.resolve("mongo"), Ports.free(), dir.resolve("mongo.log"));
        standIns = new StandInsProcess(Ports.free(), Ports.free(), dir.resolve("stand-ins.log"));
        standIns.start(ChildStore.START);

        long pid = mongo.process().pid();
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -9 sent").isTrue();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(Supervision.EXIT_PART_DIED);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("mongo (pid " + pid + ") died: exit code 137 (SIGKILL")
                .contains(dir.resolve("mongo.log").toAbsolutePath().toString())
                .contains("Stopping the whole platform");
    }

    @Test
    void aPartItsOwnerStopsIsNotReported() throws Exception {
        supervision.watch();
        MongoProcess mongo = store.start(dir.resolve("mongo"), Ports.free(), dir.resolve("mongo.log"));

        mongo.close();
        mongo.process().exitHandled().get(30, TimeUnit.SECONDS);

        assertThat(exit).isNotDone();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
