package de.nachruecker.faulttest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Lines printed to the test output and appended at once to target/fault-progress.log (Failsafe shows output late). */
final class Progress {

    private static final Path FILE = Path.of(System.getProperty("faults.report-dir", "target"), "fault-progress.log");

    static {
        try {
            Files.deleteIfExists(FILE); // one run per file
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Progress() {
    }

    static synchronized void write(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
