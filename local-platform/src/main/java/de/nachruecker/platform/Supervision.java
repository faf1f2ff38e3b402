package de.nachruecker.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The launcher notices when one of its processes (the database, the stand-ins, a broker, a service) ends without
 * being stopped, says which one and why, and stops the whole platform with a non-zero exit code
 * ({@link #EXIT_PART_DIED}). Why it does not restart the part: local-platform/README.md, "Supervision".
 */
final class Supervision {

    /** The launcher's exit code when one of its parts died. */
    static final int EXIT_PART_DIED = 3;

    private final PrintStream out;
    private final IntConsumer exit;
    private final AtomicBoolean ending = new AtomicBoolean();

    /** @param exit ends the launcher with the given code (its shutdown hook stops the other parts) */
    Supervision(PrintStream out, IntConsumer exit) {
        this.out = out;
        this.exit = exit;
    }

    void watch() {
        ChildProcess.onUnexpectedExit(this::died);
    }

    /** The platform is being stopped (Ctrl-C): processes ending now are expected. */
    void stopping() {
        ending.set(true);
    }

    private void died(ChildProcess child, int exitCode) {
        if (!ending.compareAndSet(false, true)) {
            return; // already stopping: the first death is the one that counts
        }
        out.println("[local-platform] " + describe(child, exitCode) + " Stopping the whole platform (exit code "
                + EXIT_PART_DIED + "); start it again once the cause is fixed: everything acknowledged is kept.");
        out.flush();
        exit.accept(EXIT_PART_DIED);
    }

    static String describe(ChildProcess child, int exitCode) {
        StringBuilder line = new StringBuilder(child.name()).append(" (pid ").append(child.pid())
                .append(") died: exit code ").append(exitCode);
        if (exitCode == 137) {
            line.append(" (SIGKILL: killed from outside or by the kernel's out-of-memory killer)");
        } else if (exitCode > 128) {
            line.append(" (signal ").append(exitCode - 128).append(')');
        }
        lastWords(child).ifPresent(words -> line.append("; its log says: ").append(words));
        return line.append(". Log: ").append(child.logFile().toAbsolutePath()).append('.').toString();
    }

    /** The child's last FATAL line, else its last line mentioning an error. */
    private static Optional<String> lastWords(ChildProcess child) {
        try (Stream<String> lines = Files.lines(child.logFile())) {
            List<String> telling = lines.filter(line -> line.startsWith("FATAL") || line.contains("ERROR")
                    || line.contains("OutOfMemoryError")).toList();
            return telling.stream().filter(line -> line.startsWith("FATAL")).reduce((a, b) -> b)
                    .or(() -> telling.stream().reduce((a, b) -> b))
                    .map(line -> line.length() > 300 ? line.substring(0, 300) + "…" : line);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
