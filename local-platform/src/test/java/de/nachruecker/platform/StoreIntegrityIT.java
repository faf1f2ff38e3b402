package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After kill -9 the store opens again with everything acknowledged; a truncated or damaged copy of its file is
 * refused with a line naming the file, and the server exits instead of serving it.
 */
class StoreIntegrityIT {

    /** MVStore's block: chunks start and end on such boundaries. */
    private static final int BLOCK_SIZE = 4096;

    @TempDir
    Path dir;
    @RegisterExtension
    final ChildStore store = new ChildStore();
    private Path original;

    @BeforeEach
    void writeAndKill() throws Exception {
        original = dir.resolve("original");
        MongoProcess mongo = store.start(original, Ports.free(), dir.resolve("original.log"));
        try (MongoClient client = MongoClients.create(mongo.uri("integrity-test"))) {
            MongoCollection<Document> people = client.getDatabase("integrity-test").getCollection("people");
            for (int i = 0; i < 400; i++) {
                people.insertOne(new Document("_id", "p-" + i).append("name", "person " + i)
                        .append("padding", "y".repeat(200)));
            }
        }
        mongo.kill();
    }

    @Test
    void opensAgainAfterKillMinus9WithEverything() throws Exception {
        MongoProcess mongo = store.start(original, Ports.free(), dir.resolve("reopened.log"));
        try (MongoClient client = MongoClients.create(mongo.uri("integrity-test"))) {
            assertThat(client.getDatabase("integrity-test").getCollection("people").countDocuments()).isEqualTo(400);
        }
    }

    @Test
    void refusesATruncatedFile() throws Exception {
        Path copy = copyOf(original, dir.resolve("truncated"));
        Path file = copy.resolve(DurableBackend.FILE_NAME);
        long cut = startOfTheLastLiveChunk(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            assertThat(cut).isLessThan(raf.length());
            raf.setLength(cut);
        }
        assertRefused(copy, "truncated.log");
    }

    @Test
    void refusesADamagedFile() throws Exception {
        Path copy = copyOf(original, dir.resolve("damaged"));
        Path file = copy.resolve(DurableBackend.FILE_NAME);
        // every 4 KB block that holds a copy of one person's page (live or stale) gets random bytes, as a failing
        // disk or a bad copy would leave it
        byte[] content = Files.readAllBytes(file);
        byte[] marker = "person 200".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(18);
        int damaged = 0;
        for (int at = indexOf(content, marker, 0); at >= 0; at = indexOf(content, marker, at + 1)) {
            int block = at / 4096 * 4096;
            byte[] garbage = new byte[Math.min(4096, content.length - block)];
            random.nextBytes(garbage);
            System.arraycopy(garbage, 0, content, block, garbage.length);
            damaged++;
        }
        assertThat(damaged).as("blocks holding the person").isPositive();
        Files.write(file, content);
        assertRefused(copy, "damaged.log");
    }

    private void assertRefused(Path storeDir, String logName) throws Exception {
        Path log = dir.resolve(logName);
        MongoProcess refused = new MongoProcess(storeDir, Ports.free(), log);
        try {
            assertThatThrownBy(() -> refused.start(ChildStore.START))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited during start-up")
                    .hasMessageContaining(storeDir.resolve(DurableBackend.FILE_NAME).toAbsolutePath().toString());
        } finally {
            refused.close(); // a server that did start after all must not outlive the test
        }
        assertThat(Files.readString(log)).contains("FATAL: ").contains(storeDir.resolve(DurableBackend.FILE_NAME)
                .toAbsolutePath().toString());
        assertThat(refused.exitCode()).isEqualTo(MongoProcess.EXIT_CORRUPT);
    }

    /**
     * Where a cut loses acknowledged data: at the start of the live chunk that ends last in the file. The file's own
     * end may be dead chunks only, since the store reuses their space (a cut there loses nothing, and the file is
     * served rightly), and the layout map also lists chunks that died but were not dropped yet.
     */
    private static long startOfTheLastLiveChunk(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            long start = 0;
            long end = 0;
            for (Map.Entry<String, String> entry : store.getLayoutMap().entrySet()) {
                if (entry.getKey().startsWith(DataUtils.LAYOUT_CHUNK)) {
                    Map<String, String> chunk = DataUtils.parseMap(entry.getValue());
                    long block = DataUtils.readHexLong(chunk, "block", 0);
                    long blocks = DataUtils.readHexLong(chunk, "len", 0);
                    boolean live = DataUtils.readHexLong(chunk, "livePages", 1) > 0; // absent: all pages live
                    if (live && block + blocks > end) {
                        end = block + blocks;
                        start = block * BLOCK_SIZE;
                    }
                }
            }
            assertThat(end).as("live chunks in the layout map").isPositive();
            return start;
        } finally {
            store.closeImmediately();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
