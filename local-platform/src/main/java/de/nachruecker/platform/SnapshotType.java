package de.nachruecker.platform;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The value type of the collections' data maps: a {@link DocumentSnapshots snapshot} is written as the tag
 * {@link #SNAPSHOT}, its length and its bytes, and read back as the same bytes, so writing a page never looks into a
 * document. A value with any other first byte was written by MVStore's default type (Java serialisation of a
 * {@link Document}: the stock backend, and this launcher before snapshots) and is read by it: a store from before opens
 * unchanged, and its documents become snapshots when their collection opens ({@link SnapshotCollection#convert}).
 */
final class SnapshotType extends BasicDataType<Object> {

    /** A first byte the default type never writes (its tags are below 128). */
    static final byte SNAPSHOT = (byte) 0xB5;

    /** The map name prefix of collections' documents, as {@code H2Database} names them. */
    static final String DATA_PREFIX = "databases.";
    /** Unique indexes' maps are named {@code <db>.<collection>._index_<name>}, never {@code databases.}-first alone. */
    private static final String INDEX_INFIX = "._index_";
    /** The collections' meta maps. */
    private static final String META_PREFIX = "meta.";

    /** Per map, as MVStore keeps its default type, because that learns the average size of what it writes. */
    private final ObjectDataType legacy = new ObjectDataType();

    /**
     * Opens a map of the store with the types it is written with: snapshots for documents, {@link UniqueKeyType} keys
     * for unique indexes, else the default.
     */
    static MVMap<Object, Object> openMap(MVStore store, String name) {
        if (name.startsWith(DATA_PREFIX) && !name.contains(INDEX_INFIX)) {
            return store.openMap(name, new MVMap.Builder<Object, Object>().valueType(new SnapshotType()));
        }
        if (isIndexMap(name)) {
            return store.openMap(name, new MVMap.Builder<Object, Object>().keyType(new UniqueKeyType()));
        }
        return store.openMap(name);
    }

    /** A unique index's map, as {@code H2Database} names it: {@code <db>.<collection>._index_<name>}. */
    static boolean isIndexMap(String name) {
        return name.contains(INDEX_INFIX) && !name.startsWith(DATA_PREFIX) && !name.startsWith(META_PREFIX);
    }

    /** The map name of a unique index, as {@code H2Database} names it. */
    static String indexMapName(String fullCollectionName, String indexName) {
        return fullCollectionName + INDEX_INFIX + indexName;
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (value instanceof byte[] snapshot) {
            buff.put(SNAPSHOT).putVarInt(snapshot.length).put(snapshot);
        } else {
            legacy.write(buff, value);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SNAPSHOT) {
            return legacy.read(buff);
        }
        buff.get();
        byte[] snapshot = new byte[DataUtils.readVarInt(buff)];
        buff.get(snapshot);
        return snapshot;
    }

    /** The heap a value takes, for MVStore's page cache and its decision when a page is too large. */
    @Override
    public int getMemory(Object value) {
        if (value instanceof byte[] snapshot) {
            return 16 + snapshot.length;
        }
        return (int) Math.min(Integer.MAX_VALUE, legacyMemory(value));
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /** A rough estimate for a document read from an old store (held only until its collection is converted). */
    private static long legacyMemory(Object value) {
        if (value instanceof String string) {
            return 48L + string.length();
        }
        if (value instanceof Map<?, ?> map) {
            long memory = 64;
            for (Map.Entry<?, ?> field : map.entrySet()) {
                memory += 40 + legacyMemory(field.getKey()) + legacyMemory(field.getValue());
            }
            return memory;
        }
        if (value instanceof List<?> list) {
            long memory = 40;
            for (Object element : list) {
                memory += 8 + legacyMemory(element);
            }
            return memory;
        }
        return 24;
    }
}
