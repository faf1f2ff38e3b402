package de.nachruecker.platform;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.netty.channel.embedded.EmbeddedChannel;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The store's group commit, reads of what is not on disk yet, and its compaction, in this JVM. */
class DurableBackendIT {

    @TempDir
    Path dataDir;
    private DurableBackend backend;
    private FileBackedMongo mongo;
    private MongoClient client;
    private MongoCollection<Document> people;

    @BeforeEach
    void start() throws Exception {
        mongo = new FileBackedMongo(dataDir, Ports.free());
        mongo.start();
        backend = mongo.backend();
        client = MongoClients.create(mongo.uri("durable-test"));
        people = client.getDatabase("durable-test").getCollection("people");
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void concurrentWritersShareCommits() throws Exception {
        int writers = 8;
        int each = 100;
        long before = backend.commits();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    people.insertOne(new Document("_id", writer + "-" + i));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(people.countDocuments()).isEqualTo(writers * each);
        long commits = backend.commits() - before;
        assertThat(commits).as("one commit per write at most, fewer when writers overlap")
                .isGreaterThan(0).isLessThan(writers * each);
    }

    /**
     * The fault suite's finding: a service read a document whose write was not on disk yet, published an event about
     * it, and the kill -9 that followed took the document back. A write's commit is held here at its start (the
     * write is in the store's memory, nothing of it in the file: a kill -9 now would lose it). A read of it must not
     * be answered until that commit is on disk. Both go to the backend directly, on their own threads: the server's
     * few network threads would be held by the held commit.
     */
    @Test
    void aReadOfAWriteWhoseCommitIsNotOnDiskWaitsForIt() throws Exception {
        command("create", bson("create", "people"));
        CountDownLatch commitHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        backend.beforeEachCommit(() -> {
            commitHeld.countDown();
            awaitUninterruptibly(release);
        });
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<?> write = clients.submit(() -> command("insert",
                    bson("insert", "people").append("documents", List.of(bson("_id", "in-flight")))));
            assertThat(commitHeld.await(1, TimeUnit.MINUTES)).isTrue();
            Future<de.bwaldvogel.mongo.bson.Document> read = clients.submit(() -> command("find",
                    bson("find", "people").append("filter", bson("_id", "in-flight"))));

            // either it answered (what it must not) or it waits for the commit
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> read.isDone() || backend.threadsWaitingForCommit() > 0);
            assertThat(read.isDone()).as("a read answered a write whose commit is not on disk").isFalse();
            assertThat(write.isDone()).isFalse();

            release.countDown();
            assertThat(firstBatchIds(read.get(1, TimeUnit.MINUTES))).containsExactly("in-flight");
            write.get(1, TimeUnit.MINUTES);
        } finally {
            release.countDown();
            backend.beforeEachCommit(() -> { });
            clients.shutdownNow();
        }
    }

    /**
     * A command that holds its store version longer than the bound is logged by name and collection, never with its
     * filter (the late file growth of stop 20: the next run names such a command); one within the bound is not.
     */
    @Test
    void aCommandThatReadsLongerThanTheBoundIsLoggedByNameAndCollectionOnly() {
        Logger logger = (Logger) LoggerFactory.getLogger(DurableBackend.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            people.insertOne(new Document("_id", "p-1").append("phoneHash", "secret-hash"));
            people.find(new Document("phoneHash", "secret-hash")).first();
            assertThat(logged.list).as("within the default bound of %d ms", DurableBackend.SLOW_COMMAND_MS).isEmpty();

            backend.slowCommandBound(Duration.ZERO);
            people.find(new Document("phoneHash", "secret-hash")).first();
            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(line -> line.startsWith("Slow command: find on durable-test.people held the store "
                            + "version it started on for "))
                    .noneMatch(line -> line.contains("secret-hash"));
        } finally {
            backend.slowCommandBound(Duration.ofMillis(DurableBackend.SLOW_COMMAND_MS));
            logger.detachAppender(logged);
        }
    }

    /**
     * A writer's change is in the store's memory before it asks for its commit. A read in between (here: a change
     * made below the commands, so no commit is asked for at all) leads a commit itself before it answers.
     */
    @Test
    void aReadOfAChangeNobodyCommittedYetCommitsItFirst() {
        people.insertOne(new Document("_id", "committed"));
        backend.resolveDatabase("durable-test").resolveCollection("people", true)
                .addDocument(bson("_id", "in-memory"));
        long before = backend.commits();

        assertThat(people.find(new Document("_id", "in-memory")).first()).isNotNull();

        assertThat(backend.commits() - before).as("commits before the read was answered").isEqualTo(1);
        people.find(new Document("_id", "committed")).first();
        assertThat(backend.commits() - before).as("a read of what is on disk commits nothing").isEqualTo(1);
    }

    private de.bwaldvogel.mongo.bson.Document command(String name, de.bwaldvogel.mongo.bson.Document query) {
        return backend.handleCommand(new EmbeddedChannel(), "durable-test", name, query);
    }

    /** The server's own document type, as the backend takes it (the driver's is {@link Document}). */
    private static de.bwaldvogel.mongo.bson.Document bson(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }

    private static List<Object> firstBatchIds(de.bwaldvogel.mongo.bson.Document findAnswer) {
        de.bwaldvogel.mongo.bson.Document cursor = (de.bwaldvogel.mongo.bson.Document) findAnswer.get("cursor");
        List<?> batch = (List<?>) cursor.get("firstBatch");
        return batch.stream().map(d -> ((de.bwaldvogel.mongo.bson.Document) d).get("_id")).toList();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Issue 17, stop 20: a document's update rewrites its whole leaf into a new chunk, and a chunk dies only when all
     * of its pages are overwritten. The bulk insert leaves the unique index's leaves (which updates never touch) in
     * chunks that are otherwise soon dead: they kept their chunks, and the file grew with every update until the
     * periodic compaction. The group commit moves the live pages out of sparse chunks, so their space is reused. A
     * reader counts every document meanwhile: pages it reads from the file are never written over while it reads.
     */
    @Test
    void singleDocumentUpdatesReuseTheFileInsteadOfGrowingIt() throws Exception {
        int documents = 5_000;
        List<String> ids = new ArrayList<>();
        Random random = new Random(20);
        for (int batch = 0; batch < documents / 250; batch++) {
            List<Document> inserted = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                String id = new UUID(random.nextLong(), random.nextLong()).toString();
                ids.add(id);
                inserted.add(new Document("_id", id).append("claim", null).append("padding", "x".repeat(300)));
            }
            people.insertMany(inserted);
        }
        long afterInserts = Files.size(backend.file());
        AtomicBoolean updating = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<Long> wrongCounts = pool.submit(() -> {
                long wrong = 0;
                while (updating.get()) {
                    wrong += people.countDocuments(new Document("padding", new Document("$ne", null))) == documents
                            ? 0 : 1;
                }
                return wrong;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = writer; i < 2 * documents; i += 4) {
                        people.updateOne(new Document("_id", ids.get(random(i) % documents)),
                                new Document("$set", new Document("claim", "offer-" + i)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            updating.set(false);
            assertThat(wrongCounts.get(1, TimeUnit.MINUTES)).as("counts that missed or doubled documents").isZero();
        } finally {
            updating.set(false);
            pool.shutdownNow();
        }
        long afterUpdates = Files.size(backend.file());
        mongo.compactNow();
        long live = Files.size(backend.file());
        System.out.printf("store file: %,d B after the inserts, %,d B after the updates, %,d B live; %d rewrites%n",
                afterInserts, afterUpdates, live, backend.rewrites());
        assertThat(afterUpdates).as("the file after %,d updates (%,d B after the inserts, %,d B live)",
                2 * documents, afterInserts, live).isLessThanOrEqualTo(afterInserts + live);
    }

    /** Spreads the updates over the whole collection in a fixed order (a multiplicative hash of i). */
    private static int random(int i) {
        return (int) ((i * 2_654_435_761L) & 0x7fffffff);
    }

    @Test
    void aQueryGoesOnReadingAcrossACompaction() {
        for (int i = 0; i < 300; i++) {
            people.insertOne(new Document("_id", String.format("p-%03d", i)));
        }
        people.deleteOne(new Document("_id", "p-000"));
        List<String> read = new ArrayList<>();
        try (MongoCursor<Document> cursor = people.find().batchSize(50).iterator()) {
            read.add(cursor.next().getString("_id"));
            mongo.compactNow(); // the store below the open cursor is replaced

            cursor.forEachRemaining(document -> read.add(document.getString("_id")));
        }
        assertThat(read).hasSize(299).doesNotHaveDuplicates().doesNotContain("p-000");
        assertThat(people.countDocuments()).isEqualTo(299);
    }
}
