package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key type of unique indexes' maps ({@code _id} and the services' unique indexes). MVStore's default type does
 * not know mongo-java-server's {@link KeyValue}: it wrote each key with Java serialisation and, because KeyValue is not
 * {@link Comparable}, compared two keys by serialising both. Every index lookup's binary search did that a dozen
 * times: a fifth of the server's CPU under inserts and updates by {@code _id} (docs/benchmarks.md, stop 21). Here a key
 * is the tag {@link #KEY}, its number of values and each value in the default type's own encoding; keys compare value
 * by value with the default type's order (a String with a String by {@code compareTo}), then by length. Any other first
 * byte is a key the default type wrote (a store from before) and is read by it; such a map is re-sorted once when it
 * opens ({@link #resort}), because its order was that of the serialised bytes.
 */
final class UniqueKeyType extends BasicDataType<Object> {

    /** A first byte the default type never writes (its tags are below 128); {@link SnapshotType#SNAPSHOT} is 0xB5. */
    static final byte KEY = (byte) 0xB6;

    /** The map that records which index maps are in this type's order (map name -> {@link #FORMAT}). */
    static final String FORMATS_MAP = "nachruecker.keyFormats";
    static final String FORMAT = "unique-key-v1";

    /** Per map, as MVStore keeps its default type (it learns the average size of what it serialises). */
    private final ObjectDataType values = new ObjectDataType();

    @Override
    public void write(WriteBuffer buff, Object key) {
        if (key instanceof KeyValue keyValue) {
            buff.put(KEY).putVarInt(keyValue.size());
            for (Object value : keyValue) {
                values.write(buff, value);
            }
        } else {
            values.write(buff, key);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != KEY) {
            return values.read(buff);
        }
        buff.get();
        int size = DataUtils.readVarInt(buff);
        List<Object> keyValues = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            keyValues.add(values.read(buff));
        }
        return new KeyValue(keyValues);
    }

    /**
     * A total order that is 0 exactly for equal keys (what MVMap needs): values of one type by their natural order,
     * of different types by the default type's type order; a value the default type does not know (a document, an
     * ObjectId) by its serialised bytes, as before, which is rare for an index key.
     */
    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue left && b instanceof KeyValue right) {
            int common = Math.min(left.size(), right.size());
            for (int i = 0; i < common; i++) {
                int result = values.compare(left.get(i), right.get(i));
                if (result != 0) {
                    return result;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        return values.compare(a, b);
    }

    /** The heap a key takes, for MVStore's page cache and its decision when a page is too large. */
    @Override
    public int getMemory(Object key) {
        if (key instanceof KeyValue keyValue) {
            int memory = 40;
            for (Object value : keyValue) {
                memory += value instanceof String string ? 48 + string.length() : 24;
            }
            return memory;
        }
        return values.getMemory(key);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /**
     * Puts an index map written by the default type into this type's order, once: its entries are read, the map
     * cleared and filled again, and the map's name recorded in {@link #FORMATS_MAP}. All in memory until the next
     * commit, which writes the re-sorted map and the record together: an interrupted start redoes it.
     */
    static void resort(MVStore store, MVMap<Object, Object> index) {
        MVMap<String, String> formats = store.openMap(FORMATS_MAP);
        String name = index.getName();
        if (FORMAT.equals(formats.get(name))) {
            return;
        }
        if (!index.isEmpty()) {
            List<Map.Entry<Object, Object>> entries = new ArrayList<>();
            index.entrySet().forEach(entry -> entries.add(Map.entry(entry.getKey(), entry.getValue())));
            index.clear();
            entries.forEach(entry -> index.put(entry.getKey(), entry.getValue()));
        }
        formats.put(name, FORMAT);
    }
}
