package de.nachruecker.support.personaldata;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * How the key vault stores a data key: wrapped by the master key (AES-256-GCM, a random nonce in front, associated
 * data naming what the key belongs to), or as is when no master key is configured. Shared by the person keys
 * ({@link PersonalDataKeys}) and the message keys ({@link MessageKeys}).
 */
final class KeyWrap {

    private final byte[] masterKey;
    private final SecureRandom random;

    /** @param masterKey 32 bytes, or {@code null} to store keys unwrapped */
    KeyWrap(byte[] masterKey, SecureRandom random) {
        if (masterKey != null && masterKey.length != 32) {
            throw new IllegalArgumentException("the key vault's master key must have 256 bits (32 bytes, base64)");
        }
        this.masterKey = masterKey == null ? null : masterKey.clone();
        this.random = random;
    }

    boolean wraps() {
        return masterKey != null;
    }

    /** @param context what the key belongs to, e.g. {@code personal-data-key|<candidateId>} */
    byte[] wrap(String context, byte[] material) {
        if (masterKey == null) {
            return material.clone();
        }
        byte[] nonce = new byte[PersonalDataCipher.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] wrapped = PersonalDataCipher.crypt(Cipher.ENCRYPT_MODE, masterKey, nonce, bytes(context), material);
        byte[] stored = Arrays.copyOf(nonce, nonce.length + wrapped.length);
        System.arraycopy(wrapped, 0, stored, nonce.length, wrapped.length);
        return stored;
    }

    /** @param wrapped whether the stored key was wrapped (the document says so) */
    byte[] unwrap(String context, byte[] stored, boolean wrapped) {
        if (!wrapped) {
            return stored;
        }
        if (masterKey == null) {
            throw new IllegalStateException("the key vault holds wrapped keys but no master key is configured "
                    + "(nachruecker.key-vault.master-key)");
        }
        byte[] nonce = Arrays.copyOf(stored, PersonalDataCipher.NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, PersonalDataCipher.NONCE_BYTES, stored.length);
        try {
            return PersonalDataCipher.crypt(Cipher.DECRYPT_MODE, masterKey, nonce, bytes(context), sealed);
        } catch (PersonalDataCipher.SealedValueException e) {
            throw new IllegalStateException("a data key in the key vault does not unwrap with the configured master "
                    + "key (nachruecker.key-vault.master-key changed?)", e);
        }
    }

    private static byte[] bytes(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
