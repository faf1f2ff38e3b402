package de.nachruecker.platform;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How the embedded database stores its documents: as BSON, written and read by mongo-java-server's own wire codec.
 * The stock H2 backend stores them with MVStore's default type, i.e. Java serialisation, which took about 40 % of the
 * database server's CPU under load: every write re-serialises the whole page it lands in, and every page read from
 * disk deserialises all its documents.
 * <p>
 * A value starts with a tag byte. {@link #BSON} (a tag the default type never writes) is followed by one BSON
 * document. Any other tag is the default type's own encoding, so a value written by the stock backend (or before this
 * class existed) reads as it always did: an old store needs no conversion to open, and
 * {@link IdFirstH2Backend} rewrites its documents once so that they are read at BSON's cost afterwards. A document
 * that BSON would not give back exactly as it was (a value of a type the codec does not know, such as
 * {@code Missing}, an {@link Instant} finer than a millisecond, as {@code $currentDate} sets it, a set, a
 * key with a NUL character, more than 16 MB) is still written the default way: nothing stored changes its value by
 * being written and read back.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final byte BSON = (byte) 0xB5;

    /** Classes the BSON decoder returns for exactly the value the encoder was given. */
    private static final Set<Class<?>> EXACT_SCALARS = Set.of(String.class, Integer.class, Long.class, Double.class,
            Boolean.class, ObjectId.class, Decimal128.class, BinData.class, UUID.class, LegacyUUID.class,
            BsonTimestamp.class, BsonRegularExpression.class, BsonJavaScript.class, MaxKey.class, MinKey.class);

    private static final int NANOS_PER_MILLI = 1_000_000;

    /** The default type: per map, as MVStore keeps it, because it learns the average size of what it writes. */
    private final ObjectDataType defaultType = new ObjectDataType();

    @Override
    public void write(WriteBuffer buff, Document document) {
        if (exact(document)) {
            ByteBuf bson = Unpooled.buffer(512);
            BsonEncoder.encodeDocument(document, bson);
            if (bson.readableBytes() <= BsonConstants.MAX_BSON_OBJECT_SIZE) {
                buff.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
                return;
            }
        }
        defaultType.write(buff, document);
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON) {
            return (Document) defaultType.read(buff);
        }
        buff.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buff);
        Document document = BsonDecoder.decodeBson(bson);
        buff.position(buff.position() + bson.readerIndex());
        return document;
    }

    /**
     * A rough estimate of the document's size on the heap, for MVStore's page cache and its decision when to write;
     * MVStore samples it rather than asking for every value.
     */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, memory(document));
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private static boolean exact(Object value) {
        if (value == null || EXACT_SCALARS.contains(value.getClass())) {
            return true;
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % NANOS_PER_MILLI == 0;
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (field.getKey().indexOf('\0') >= 0 || !exact(field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!exact(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static long memory(Object value) {
        if (value instanceof String string) {
            return 48L + string.length();
        }
        if (value instanceof Map<?, ?> map) {
            long memory = 64;
            for (Map.Entry<?, ?> field : map.entrySet()) {
                memory += 40 + memory(field.getKey()) + memory(field.getValue());
            }
            return memory;
        }
        if (value instanceof List<?> list) {
            long memory = 40;
            for (Object element : list) {
                memory += 8 + memory(element);
            }
            return memory;
        }
        return 24;
    }
}
