package de.nachruecker.platform;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Refuses to serve a store file that lost what was acknowledged or cannot be read in full.
 * <p>
 * MVStore recovers from an interrupted write by falling back to the newest complete set of chunks, silently. After a
 * kill -9 that only drops a commit nobody was told about; after a truncated or damaged file (a bad copy, a failing
 * disk) it would serve older data as if nothing happened. So every commit's version is recorded beside the file
 * ({@code mongo.mv.acked}, written after the commit is on disk, not itself fsynced: after a power loss it can only be
 * older, never newer, than the file), and a store that opens at an older version is refused. Opening also reads every
 * entry of every map once, so a damaged page is found before it is served.
 */
final class StoreIntegrity implements AutoCloseable {

    static final String ACKED_SUFFIX = ".acked";
    private static final long CHECK = 0x4e41434852554543L; // "NACHRUEC"

    private final FileChannel acked;
    private final ByteBuffer record = ByteBuffer.allocate(16);

    private StoreIntegrity(FileChannel acked) {
        this.acked = acked;
    }

    /** Thrown with a message that names the file and what is wrong with it. */
    static final class CorruptStoreException extends RuntimeException {
        CorruptStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Path ackedFile(Path storeFile) {
        return storeFile.resolveSibling(storeFile.getFileName() + ACKED_SUFFIX);
    }

    /**
     * Checks an opened store against the recorded version and, with {@code readAll}, reads it in full (at start;
     * a file compacted by this process was just written from data read in full); returns the recorder for further
     * commits. Throws {@link CorruptStoreException} (and closes the store) when the file is not fit to be served.
     */
    static StoreIntegrity verify(MVStore store, Path storeFile, boolean readAll) {
        Path ackedFile = ackedFile(storeFile);
        try {
            long recorded = recordedVersion(ackedFile);
            long version = store.getCurrentVersion();
            if (version < recorded) {
                throw new CorruptStoreException("The store file " + storeFile.toAbsolutePath() + " holds version "
                        + version + ", but version " + recorded + " was acknowledged (" + ackedFile.getFileName()
                        + "): the file is truncated or damaged. Not serving it; restore the data directory from a "
                        + "backup (local-platform/README.md)", null);
            }
            if (readAll) {
                readEverything(store, storeFile);
            }
            store.sync(); // what was read may have been written by a process killed before its fsync
            StoreIntegrity integrity = new StoreIntegrity(FileChannel.open(ackedFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE));
            integrity.record(version);
            return integrity;
        } catch (IOException e) {
            store.closeImmediately();
            throw new UncheckedIOException("cannot use " + ackedFile, e);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private static long recordedVersion(Path ackedFile) throws IOException {
        if (!Files.exists(ackedFile)) {
            return -1; // a new store, or one restored without its record (local-platform/README.md)
        }
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(ackedFile));
        if (buffer.remaining() < 16) {
            throw new CorruptStoreException("The acknowledgement record " + ackedFile.toAbsolutePath()
                    + " is damaged (" + buffer.remaining() + " bytes); not serving the store beside it", null);
        }
        long version = buffer.getLong();
        if ((version ^ CHECK) != buffer.getLong()) {
            throw new CorruptStoreException("The acknowledgement record " + ackedFile.toAbsolutePath()
                    + " is damaged; not serving the store beside it", null);
        }
        return version;
    }

    /** Deserialises every entry of every map: MVStore checks each page it reads. */
    private static void readEverything(MVStore store, Path storeFile) {
        String current = "(the map list)";
        try {
            for (String name : store.getMapNames()) {
                current = name;
                MVMap<Object, Object> map = SnapshotType.openMap(store, name); // as the backend reads it
                for (Map.Entry<Object, Object> entry : map.entrySet()) {
                    if (entry.getValue() == null) {
                        throw new IllegalStateException("an entry without a value");
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new CorruptStoreException("The store file " + storeFile.toAbsolutePath() + " is damaged (" + current
                    + ": " + e.getMessage() + "). Not serving it; restore the data directory from a backup "
                    + "(local-platform/README.md)", e);
        }
    }

    /** The version just committed and forced to the disk (16 bytes in one write: a sector is written whole). */
    void record(long version) {
        record.clear();
        record.putLong(version).putLong(version ^ CHECK).flip();
        try {
            while (record.hasRemaining()) {
                acked.write(record, record.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the committed version", e);
        }
    }

    @Override
    public void close() {
        try {
            acked.close();
        } catch (IOException e) {
            // nothing is lost: the record is only a lower bound
        }
    }
}
