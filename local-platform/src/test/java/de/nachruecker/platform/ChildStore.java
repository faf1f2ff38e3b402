package de.nachruecker.platform;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The store as a child JVM for one test ({@code @RegisterExtension}): {@link #start} runs it, again over the same
 * files after the test killed or closed the one before, and what still runs is stopped after the test.
 */
final class ChildStore implements AfterEachCallback {

    /** A child JVM on a shared CI machine may take its time to listen. */
    static final Duration START = Duration.ofMinutes(2);

    private MongoProcess latest;

    /** Starts {@code mongo} and waits until it listens; the one started before must be ended by then. */
    MongoProcess start(MongoProcess mongo) throws IOException, InterruptedException {
        latest = mongo;
        mongo.start(START);
        return mongo;
    }

    /** The store over {@code dataDir} with the default compaction and fsync intervals. */
    MongoProcess start(Path dataDir, int port, Path logFile) throws IOException, InterruptedException {
        return start(new MongoProcess(dataDir, port, logFile));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (latest != null) {
            latest.close();
        }
    }
}
