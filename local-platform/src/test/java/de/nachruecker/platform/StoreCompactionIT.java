package de.nachruecker.platform;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deleted and overwritten documents leave the store's files within the compaction interval: the raw bytes of every
 * file in the data directory are searched, not only what the server still answers.
 */
class StoreCompactionIT {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;
    @RegisterExtension
    final ChildStore store = new ChildStore();

    @Test
    void deletedAndOverwrittenDocumentsAreGoneFromEveryFileWithinTheInterval() throws Exception {
        Path storeDir = dataDir.resolve("mongo");
        MongoProcess mongo = store.start(new MongoProcess(storeDir, Ports.free(), dataDir.resolve("mongo.log"),
                INTERVAL));
        String deleted = "deleted-" + UUID.randomUUID();
        String overwritten = "overwritten-" + UUID.randomUUID();
        String kept = "kept-" + UUID.randomUUID();
        try (MongoClient client = MongoClients.create(mongo.uri("erasure-test"))) {
            MongoCollection<Document> people = client.getDatabase("erasure-test").getCollection("people");
            for (int i = 0; i < 200; i++) { // neighbours on the same pages, so a page is rewritten, not dropped
                people.insertOne(new Document("_id", "p-" + i).append("name", "neighbour " + i));
            }
            people.insertOne(new Document("_id", "gone").append("name", deleted));
            people.insertOne(new Document("_id", "changed").append("name", overwritten));
            people.insertOne(new Document("_id", "stays").append("name", kept));
            assertThat(filesContaining(storeDir, deleted)).as("written to the file when acknowledged").isNotEmpty();

            people.deleteOne(new Document("_id", "gone"));
            people.updateOne(new Document("_id", "changed"),
                    new Document("$set", new Document("name", "someone else")));

            await().atMost(INTERVAL.multipliedBy(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(filesContaining(storeDir, deleted)).as("files holding the deleted document").isEmpty();
                assertThat(filesContaining(storeDir, overwritten)).as("files holding the old value").isEmpty();
            });
            // the search finds what is there: the live document's bytes are still in the file
            assertThat(filesContaining(storeDir, kept)).isNotEmpty();
            assertThat(people.find(new Document("_id", "stays")).first()).isNotNull();
            assertThat(people.countDocuments()).isEqualTo(202);
        }
    }

    private static List<Path> filesContaining(Path dir, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(read(file), needle)).toList();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException replacedMeanwhile) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
