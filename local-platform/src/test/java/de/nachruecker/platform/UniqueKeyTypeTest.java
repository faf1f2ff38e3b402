package de.nachruecker.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueKeyTypeTest {

    private final UniqueKeyType type = new UniqueKeyType();

    private static List<KeyValue> keys() {
        List<Object> values = List.of("c-1", "c-10", "c-2", "", "ä", 1.0, -0.0, 0.0, 2.5, 7L, 3, true, false,
                new Date(0), new ObjectId(), new ObjectId(), new de.bwaldvogel.mongo.bson.Document("a", 1));
        List<KeyValue> keys = new ArrayList<>();
        for (Object value : values) {
            keys.add(new KeyValue(value));
            keys.add(new KeyValue(List.of(value, "x")));
        }
        keys.add(new KeyValue(List.of("c-1", 1.0, "y")));
        return keys;
    }

    /** MVMap treats compare == 0 as the same key: it must be exactly equals, and a consistent order. */
    @Test
    void comparesToZeroExactlyForEqualKeysInAConsistentOrder() {
        List<KeyValue> keys = keys();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = type.compare(a, b);
                assertThat(ab == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(ab)).as(a + " vs " + b).isEqualTo(-Integer.signum(type.compare(b, a)));
                for (KeyValue c : keys) {
                    if (ab < 0 && type.compare(b, c) < 0) {
                        assertThat(type.compare(a, c)).as(a + " < " + b + " < " + c).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void writesAKeyThatReadsBackEqualWithTheTagFirst() {
        for (KeyValue key : keys()) {
            WriteBuffer buffer = new WriteBuffer();
            type.write(buffer, key);
            var bytes = buffer.getBuffer();
            bytes.flip();
            assertThat(bytes.get(0)).isEqualTo(UniqueKeyType.KEY);
            assertThat(type.read(bytes)).isEqualTo(key);
            assertThat(bytes.hasRemaining()).isFalse();
        }
    }
}
