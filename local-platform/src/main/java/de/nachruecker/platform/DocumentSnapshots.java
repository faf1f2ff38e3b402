package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.Missing;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A stored document is an immutable snapshot: a byte array made when the collection puts the document (in the
 * server's thread, under the collection's lock) and decoded into a fresh {@link Document} each time it is read. So
 * MVStore only ever holds and writes arrays that nobody changes, and no server path that changes a document it was
 * given can race the thread that writes the store's pages (the {@code ConcurrentModificationException} that made
 * 2b1dca3 revert the BSON value type, 26abf1a).
 * <p>
 * A snapshot's first byte says how the rest is encoded: {@link #BSON}, one BSON document written by mongo-java-server's
 * own wire codec (cheap to write, compact, and cheap to read); or {@link #JAVA}, Java serialisation, for a document
 * that BSON would not give back exactly: a value of a type the wire codec does not know (the server's
 * {@code Missing}, a set), an {@link Instant} finer than a millisecond (as {@code $currentDate} sets it), a key or a
 * regular expression with a NUL character, a string with a lone surrogate, a map that is not a {@link Document}, more
 * than 16 MB. Reading a snapshot never depends on which it is.
 */
final class DocumentSnapshots {

    static final byte BSON = 'B';
    static final byte JAVA = 'J';

    /** Classes the BSON decoder returns for exactly the value the encoder was given (equal, and of the same class). */
    private static final Set<Class<?>> EXACT_SCALARS = Set.of(Integer.class, Long.class, Double.class,
            Boolean.class, ObjectId.class, Decimal128.class, BinData.class, UUID.class, LegacyUUID.class,
            BsonTimestamp.class, MaxKey.class, MinKey.class);

    private static final int NANOS_PER_MILLI = 1_000_000;
    private static final int INITIAL_CAPACITY = 512;

    private DocumentSnapshots() {
    }

    /** The snapshot of {@code document} as it is now; later changes to the document do not reach it. */
    static byte[] encode(Document document) {
        if (exact(document)) {
            ByteBuf bson = Unpooled.buffer(INITIAL_CAPACITY);
            bson.writeByte(BSON);
            BsonEncoder.encodeDocument(document, bson);
            if (bson.readableBytes() - 1 <= BsonConstants.MAX_BSON_OBJECT_SIZE) {
                return Arrays.copyOfRange(bson.array(), bson.arrayOffset() + bson.readerIndex(),
                        bson.arrayOffset() + bson.writerIndex());
            }
        }
        return javaSerialised(document);
    }

    /** A new document equal to the one the snapshot was made of; nobody else holds it. */
    static Document decode(byte[] snapshot) {
        return switch (snapshot[0]) {
            case BSON -> BsonDecoder.decodeBson(Unpooled.wrappedBuffer(snapshot, 1, snapshot.length - 1));
            case JAVA -> javaDeserialised(snapshot);
            default -> throw new IllegalStateException("not a document snapshot (tag " + snapshot[0] + ")");
        };
    }

    /**
     * A stored value as a document of its own: a snapshot decoded, or a document read from a store written before
     * snapshots (until {@link SnapshotCollection#convert} replaced it) copied, so that no caller shares it.
     */
    static Document read(Object stored) {
        if (stored instanceof byte[] snapshot) {
            return decode(snapshot);
        }
        return ((Document) stored).cloneDeeply();
    }

    private static byte[] javaSerialised(Document document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_CAPACITY);
        bytes.write(JAVA);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a document", e);
        }
        return bytes.toByteArray();
    }

    private static Document javaDeserialised(byte[] snapshot) {
        try (ObjectInputStream in = new SingletonResolvingInput(snapshot)) {
            return (Document) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a stored document", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a stored document", e);
        }
    }

    /**
     * The server tells {@code Missing}, {@code MaxKey} and {@code MinKey} by identity, and their classes do not resolve
     * to the one instance when deserialised: the stock backend read a stored {@code Missing} back as a value equal to
     * nothing. Here each reads back as the one instance.
     */
    private static final class SingletonResolvingInput extends ObjectInputStream {

        SingletonResolvingInput(byte[] snapshot) throws IOException {
            super(new ByteArrayInputStream(snapshot, 1, snapshot.length - 1));
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object read) {
            if (read instanceof Missing) {
                return Missing.getInstance();
            }
            if (read instanceof MaxKey) {
                return MaxKey.getInstance();
            }
            if (read instanceof MinKey) {
                return MinKey.getInstance();
            }
            return read;
        }
    }

    /** Whether BSON gives {@code value} back equal and of the same class. */
    static boolean exact(Object value) {
        if (value == null || EXACT_SCALARS.contains(value.getClass())) {
            return true;
        }
        if (value instanceof String string) {
            return wellFormed(string);
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % NANOS_PER_MILLI == 0 && withinMillis(instant);
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> field : document.entrySet()) {
                if (!cString(field.getKey()) || !exact(field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) { // decoded as an ArrayList: equal to any list with the same elements
            for (Object element : list) {
                if (!exact(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof BsonRegularExpression regex) { // written as two C strings
            return regex.getPattern() != null && regex.getOptions() != null && cString(regex.getPattern())
                    && cString(regex.getOptions());
        }
        if (value instanceof BsonJavaScript javaScript) {
            return javaScript.getCode() != null && wellFormed(javaScript.getCode());
        }
        return false;
    }

    /** A C string ends at the first NUL. */
    private static boolean cString(String string) {
        return string.indexOf('\0') < 0 && wellFormed(string);
    }

    /** UTF-8 would replace a lone surrogate by '?'. */
    private static boolean wellFormed(String string) {
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < string.length()
                        && Character.isLowSurrogate(string.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean withinMillis(Instant instant) {
        try {
            instant.toEpochMilli();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
