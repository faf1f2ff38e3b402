package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The local platform's store: {@link IdFirstH2Backend} on one MVStore file, with two promises the stock server does
 * not keep.
 * <ul>
 *   <li><b>Acknowledged means on disk.</b> MVStore's background commit (once a second) is off; a write command is
 *   answered only after a commit containing it was written and forced to the disk ({@link GroupCommit}: concurrent
 *   writers share one commit and one fsync). So an acknowledged write survives kill -9 of this process, an OS crash
 *   and a power loss.</li>
 *   <li><b>Answered means on disk, for reads too.</b> Writers change the store's memory before their commit, so a
 *   read can see a change that is not on disk yet. A read is answered only once nothing it can have seen is still
 *   uncommitted ({@link GroupCommit#awaitDurableIfPending}); otherwise a service could act on a document (publish an
 *   event about it) that a kill -9 then takes back.</li>
 *   <li><b>Deleted means gone from the file</b> after {@link #compact()}: it copies the live data into a fresh file
 *   and replaces the old one, so neither stale pages, free space, nor reused write buffers keep the bytes of a
 *   deleted or overwritten document. Commands wait while it runs (an exclusive lock against all commands).</li>
 * </ul>
 * Open cursors survive the replacement: their remaining documents are held in memory in a registry shared by the
 * old and the new backend.
 */
final class DurableBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(DurableBackend.class);

    static final String FILE_NAME = "mongo.mv";

    /** The commands that change data (lower case); everything else only reads. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropdatabase", "dropindexes", "renamecollection", "collmod", "mapreduce");
    /**
     * Commands that answer no stored data (lower case), so they need not wait for a commit. {@code getMore} answers
     * documents its {@code find} read and held in memory: that find waited already.
     */
    private static final Set<String> NO_DATA = Set.of("hello", "ismaster", "ping", "buildinfo", "endsessions",
            "killcursors", "getmore");

    /**
     * How long MVStore keeps a chunk whose pages have all been overwritten before it writes over its space, when every
     * commit is forced to the disk before it is acknowledged: not at all. MVStore's default, 45 s, is its allowance
     * for a disk that flushes late and for readers walking an older version, which it does not track for plain map
     * reads. Here recovery never needs a chunk older than the last fsynced commit, and every command registers the
     * version it reads ({@link #reading}), so a chunk's space is reused only once no command that started before it
     * died still runs. At 5 s the chunks of the last five seconds (about 85 MB at 1,000 updates/s) could not be
     * reused and the file kept growing under load (docs/benchmarks.md, stop 20). With periodic fsyncs the default
     * stays: a chunk the last fsynced version needs may have died in an unforced commit since.
     */
    static final int RETENTION_WHEN_EACH_COMMIT_IS_FORCED_MS = Integer.getInteger("nachruecker.store.retention-ms", 0);

    /**
     * Sparse chunks are rewritten in the group commit: once the live pages fill less than this share (%) of the
     * chunks, each commit is followed by MVStore's {@code compact}: it moves up to {@link #REWRITE_BYTES_PER_COMMIT}
     * of live pages out of the sparsest and oldest chunks into a second commit, before the one fsync. A chunk dies
     * only when every page in it is overwritten; a leaf nobody changes (a unique index's, a document nobody updates)
     * kept its whole chunk alive, mostly dead pages, until the periodic compaction: 7 % of the file was live after a
     * bulk load and 30,000 updates of 100,000 documents. 0 turns it off ({@code -Dnachruecker.store.rewrite-fill=0},
     * for benchmarks).
     */
    static final int REWRITE_BELOW_FILL_RATE = Integer.getInteger("nachruecker.store.rewrite-fill", 30);
    /**
     * While the chunks are fuller than {@link #REWRITE_BELOW_FILL_RATE}, their fill rate is looked at only every this
     * many commits: MVStore computes it over every chunk of the file (about a thousand per 20,000 documents), which
     * after each commit was 2–4 % of the server's samples at 20,000 documents and 11 % of an update's at 100,000
     * (docs/benchmarks.md, stops 21 and 22), and a few commits of tens of KB cannot move the fill rate of a file of
     * many MB far. Once it is below, every commit rewrites until it is above again.
     */
    static final int COMMITS_BETWEEN_FILL_CHECKS = 16;
    /** Live bytes moved per commit at most: small, because the writers of the commit wait for it. */
    static final int REWRITE_BYTES_PER_COMMIT = Integer.getInteger("nachruecker.store.rewrite-bytes", 256 * 1024);
    /**
     * MVStore splits a page once it holds more than this (its estimate of the page's heap: 16 KB is its default for a
     * file, about 40 candidate snapshots) or more than 48 entries. Only for benchmarks
     * ({@code -Dnachruecker.store.page-split=N}): 4 KB was measured and is not better (docs/benchmarks.md, stop 20).
     */
    static final int PAGE_SPLIT_SIZE = Integer.getInteger("nachruecker.store.page-split", 16 * 1024);

    /**
     * A command that reads for longer than this is logged with its name and collection (never its filter or
     * values): while it runs it holds the store version it started on ({@link #reading}), so no chunk that died
     * meanwhile is reused, and under load the file grows. In the 100-releases/s run the file went from 1 GB to
     * 2.6 GB in the two minutes before a compaction (docs/benchmarks.md, stop 21): this names the command if one
     * held a version that long. {@code -Dnachruecker.store.slow-command-ms=N} sets another bound.
     */
    static final long SLOW_COMMAND_MS = Long.getLong("nachruecker.store.slow-command-ms", 1_000);

    private final Path file;
    private final int cacheMb;
    /** true: each group commit is fsynced before it is acknowledged; false: {@link #syncNow()} runs periodically. */
    private final boolean syncEachCommit;
    private final CursorRegistry cursors = new CursorRegistry();
    /** Commands share it; {@link #compact()} and {@link #close()} hold it alone while the store is replaced. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final GroupCommit commits = new GroupCommit(this::commitToDisk);
    /** Starts at one: the file may hold deleted bytes from before this start, so the first compaction always runs. */
    private final AtomicLong writesSinceCompaction = new AtomicLong(1);
    /** Commits that moved live pages out of sparse chunks ({@link #reclaimSparseChunks}). */
    private final AtomicLong rewrites = new AtomicLong();
    /** Touched only by the group commit's leader, one at a time ({@link GroupCommit}'s lock orders them). */
    private int commitsUntilFillCheck;
    private volatile IdFirstH2Backend current;
    private volatile StoreIntegrity integrity;
    private volatile MongoVersion version;
    private volatile Runnable beforeCommit = () -> { };
    private volatile long slowCommandNanos = SLOW_COMMAND_MS * 1_000_000;

    private DurableBackend(Path file, int cacheMb, boolean syncEachCommit) {
        this.file = file;
        this.cacheMb = cacheMb;
        this.syncEachCommit = syncEachCommit;
    }

    static DurableBackend open(Path dataDir, int cacheMb, boolean syncEachCommit) throws IOException {
        Files.createDirectories(dataDir);
        DurableBackend backend = new DurableBackend(dataDir.resolve(FILE_NAME), cacheMb, syncEachCommit);
        backend.current = backend.openBackend(true);
        return backend;
    }

    Path file() {
        return file;
    }

    /**
     * Opens the file, refusing it ({@link StoreIntegrity.CorruptStoreException}, naming the file) when it cannot be
     * read, lost an acknowledged commit or, with {@code readAll}, holds a page that cannot be read.
     */
    private IdFirstH2Backend openBackend(boolean readAll) {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb)
                    .pageSplitSize(PAGE_SPLIT_SIZE)
                    .autoCommitDisabled() // commits are made by GroupCommit, before each acknowledgement
                    .autoCommitBufferSize(0) // and only there: no writer commits on its own when memory fills
                    .open();
        } catch (MVStoreException e) {
            throw new StoreIntegrity.CorruptStoreException("The store file " + file.toAbsolutePath()
                    + " cannot be opened: " + e.getMessage() + ". Not serving it; restore the data directory from a "
                    + "backup (local-platform/README.md)", e);
        }
        if (syncEachCommit) {
            store.setRetentionTime(RETENTION_WHEN_EACH_COMMIT_IS_FORCED_MS);
        }
        if (integrity != null) {
            integrity.close();
        }
        integrity = StoreIntegrity.verify(store, file, readAll);
        IdFirstH2Backend backend = new IdFirstH2Backend(store, cursors);
        if (version != null) {
            backend.version(version);
        }
        return backend;
    }

    /**
     * Called by the leader of a group commit, under the shared lock: the store cannot be replaced meanwhile. The
     * commit is in the file when {@code commit()} returns (MVStore writes synchronously without its background
     * thread), so it survives the death of this process; the fsync makes it survive the machine's.
     */
    private void commitToDisk() {
        MVStore store = current.getMvStore();
        if (!store.hasUnsavedChanges()) {
            return; // an earlier commit took it all (and its fsync): a waiter that came late needs no second one
        }
        beforeCommit.run();
        store.commit();
        reclaimSparseChunks(store);
        if (syncEachCommit) {
            store.sync();
            // only this leader commits (no background or memory-triggered commits), so this version is on disk
            integrity.record(store.getCurrentVersion());
        }
    }

    /**
     * One small step of reclaiming space, by the group commit's leader right after its commit (no other commit runs):
     * live pages of sparse chunks are marked changed and written by a second commit, which the same fsync covers.
     * Their old chunks then die and their space is reused by later commits, so the file stays near its live size
     * between the periodic compactions. It changes no data: nothing waits for it but the writers of this commit.
     */
    private void reclaimSparseChunks(MVStore store) {
        if (REWRITE_BELOW_FILL_RATE <= 0) {
            return;
        }
        if (commitsUntilFillCheck > 0) {
            commitsUntilFillCheck--;
            return;
        }
        if (store.compact(REWRITE_BELOW_FILL_RATE, REWRITE_BYTES_PER_COMMIT)) {
            store.commit();
            rewrites.incrementAndGet();
        } else {
            commitsUntilFillCheck = COMMITS_BETWEEN_FILL_CHECKS - 1;
        }
    }

    /** The periodic fsync when commits are not fsynced one by one; no commit runs meanwhile. */
    void syncNow() {
        gate.readLock().lock();
        try {
            commits.exclusively(() -> {
                MVStore store = current.getMvStore();
                long version = store.getCurrentVersion();
                store.sync();
                integrity.record(version); // recorded only once forced: after a power loss it is never ahead
            });
        } catch (RuntimeException e) {
            log.error("Cannot force the store file {} to the disk: {}; stopping", file.toAbsolutePath(),
                    e.toString(), e);
            Runtime.getRuntime().halt(74);
        } finally {
            gate.readLock().unlock();
        }
    }

    private Document handle(String command, String database, Document query, Supplier<Document> action) {
        boolean write = isWrite(command, query);
        gate.readLock().lock();
        try {
            Document answer;
            try {
                answer = reading(command, () -> namespace(database, command, query), action);
            } finally {
                if (write) {
                    writesSinceCompaction.incrementAndGet();
                    awaitDurable(commits::awaitDurable);
                }
            }
            if (!write && !NO_DATA.contains(command.toLowerCase(Locale.ROOT))) {
                awaitSeenDurable();
            }
            return answer;
        } finally {
            gate.readLock().unlock();
        }
    }

    /**
     * Runs a command with the store's current version registered as in use: until it ends, MVStore writes over no
     * chunk that died after it started (the retention time is 0, see {@link #RETENTION_WHEN_EACH_COMMIT_IS_FORCED_MS}),
     * so a scan that reads pages from the file meanwhile reads what its version holds.
     */
    private <T> T reading(String command, Supplier<String> namespace, Supplier<T> action) {
        MVStore store = current.getMvStore();
        MVStore.TxCounter usage = store.registerVersionUsage();
        long started = System.nanoTime();
        try {
            return action.get();
        } finally {
            store.deregisterVersionUsage(usage);
            long nanos = System.nanoTime() - started;
            if (nanos > slowCommandNanos) {
                log.warn("Slow command: {} on {} held the store version it started on for {} ms (chunks that died "
                        + "meanwhile could not be reused)", command, namespace.get(), nanos / 1_000_000);
            }
        }
    }

    /** {@code <database>.<collection>} of a command, or the database alone: names only, never a filter. */
    private static String namespace(String database, String command, Document query) {
        Object collection = query.get(command);
        if (!(collection instanceof String) && query.get("collection") instanceof String named) { // getMore
            collection = named;
        }
        return collection instanceof String name ? database + "." + name : database;
    }

    /** After a read, under the shared lock: what it read is on disk before it is answered. */
    private void awaitSeenDurable() {
        awaitDurable(() -> commits.awaitDurableIfPending(() -> current.getMvStore().hasUnsavedChanges()));
    }

    private void awaitDurable(Runnable wait) {
        try {
            wait.run();
        } catch (RuntimeException e) {
            // the store panicked: nothing may be acknowledged any more, and the launcher must see it
            log.error("Cannot write the store file {}: {}; stopping so that no write is acknowledged that is not on "
                    + "disk", file.toAbsolutePath(), e.toString(), e);
            Runtime.getRuntime().halt(74);
        }
    }

    static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITES.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline) {
            return pipeline.stream().anyMatch(stage -> stage instanceof Document document
                    && (document.containsKey("$out") || document.containsKey("$merge")));
        }
        return false;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return handle(command, database, query, () -> current.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        return handle(command, String.valueOf(query.get("$db")), query, () -> current.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        gate.readLock().lock();
        try {
            QueryResult result = reading("query", query::getFullCollectionName, () -> current.handleQuery(query));
            awaitSeenDurable();
            return result;
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void handleClose(Channel channel) {
        gate.readLock().lock();
        try {
            current.handleClose(channel);
        } finally {
            gate.readLock().unlock();
        }
    }

    @Override
    public void dropDatabase(String database) {
        handle("dropDatabase", database, new Document(), () -> {
            current.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return current.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return current.getServerStatus();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        cursorIds.forEach(cursors::remove);
    }

    @Override
    public Clock getClock() {
        return current.getClock();
    }

    /** Change streams are not offered: the oplog would live in one backend, and none of the services uses it. */
    @Override
    public void enableOplog() {
        throw new UnsupportedOperationException("the local platform's store keeps no oplog");
    }

    @Override
    public void disableOplog() {
        // there is none
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return current.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        this.version = version;
        current.version(version);
        return this;
    }

    /**
     * Copies the live data into a fresh file and replaces the store's file with it, so that no byte of a deleted or
     * overwritten document is left in any file of the data directory. Skipped when nothing was written since the
     * last compaction. Commands wait meanwhile.
     */
    void compact() {
        if (writesSinceCompaction.get() == 0) {
            return;
        }
        gate.writeLock().lock();
        try {
            long started = System.nanoTime();
            long before = Files.size(file);
            writesSinceCompaction.set(0);
            closeCurrent(); // commits what is left and closes the file
            Path copy = file.resolveSibling(FILE_NAME + ".compacting");
            try {
                MVStore.compact(file.toString(), copy.toString(), false, null);
                force(copy);
                Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                force(file.getParent()); // the rename itself
            } finally {
                Files.deleteIfExists(copy);
                current = reopen();
            }
            log.info("Compacted the store file {}: {} -> {} bytes in {} ms", file.toAbsolutePath(), before,
                    Files.size(file), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // the old file is still in place when the copy failed; the next run tries again
            writesSinceCompaction.incrementAndGet();
            log.error("Compacting the store file {} failed: {}", file.toAbsolutePath(), e.toString(), e);
        } finally {
            gate.writeLock().unlock();
        }
    }

    private IdFirstH2Backend reopen() {
        try {
            return openBackend(false);
        } catch (RuntimeException e) {
            log.error("Cannot open the store file {} again after compacting it: {}", file.toAbsolutePath(),
                    e.toString(), e);
            Runtime.getRuntime().halt(74);
            throw e;
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Closes the store, no command running. A command that ended while a commit held MVStore's lock left the release
     * of its version to the next commit ({@link #reading}); with nothing left to commit there is none, and MVStore's
     * close asserts that no version is held: an ended usage releases them first.
     */
    private void closeCurrent() {
        MVStore store = current.getMvStore();
        store.deregisterVersionUsage(store.registerVersionUsage());
        current.close();
    }

    /** Commits what is left and closes the file cleanly. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            closeCurrent();
            force(file);
            integrity.record(current.getMvStore().getCurrentVersion());
            integrity.close();
        } catch (IOException | RuntimeException e) {
            log.error("Closing the store file {} failed: {}", file.toAbsolutePath(), e.toString(), e);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** For tests and benchmarks: the open store. */
    MVStore mvStore() {
        return current.getMvStore();
    }

    /** For tests: threads waiting for a running commit to end (writers, and readers that saw what it holds). */
    int threadsWaitingForCommit() {
        return commits.threadsWaiting();
    }

    /** For tests: commands that read longer than this are logged (default {@link #SLOW_COMMAND_MS}). */
    void slowCommandBound(java.time.Duration bound) {
        slowCommandNanos = bound.toNanos();
    }

    /** For tests: runs before each commit starts writing, e.g. to hold it while a read arrives. */
    void beforeEachCommit(Runnable hook) {
        beforeCommit = hook;
    }

    /** For tests and benchmarks: commits that rewrote live pages of sparse chunks. */
    long rewrites() {
        return rewrites.get();
    }

    /** For tests: commits made so far (fewer than writes when concurrent writers shared them). */
    long commits() {
        return commits.commits();
    }
}
