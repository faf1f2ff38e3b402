package de.nachruecker.support.personaldata;

import java.util.Arrays;

/**
 * One person's 256-bit data key, as the key vault hands it out.
 *
 * @param version which version of the person's key this is (see {@link de.nachruecker.events.SealedValue#keyVersion})
 */
public record DataKey(int version, byte[] material) {

    public DataKey {
        if (material == null || material.length != 32) {
            throw new IllegalArgumentException("a data key has 256 bits");
        }
        material = material.clone();
    }

    @Override
    public byte[] material() {
        return material.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey key && key.version == version && Arrays.equals(key.material, material);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(material);
    }

    /** Never the key itself, so that no log line can carry it. */
    @Override
    public String toString() {
        return "DataKey[version=" + version + "]";
    }
}
