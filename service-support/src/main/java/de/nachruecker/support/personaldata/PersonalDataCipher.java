package de.nachruecker.support.personaldata;

import de.nachruecker.events.SealedValue;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals and opens the personal fields of events (see {@link SealedValue}): the value as JSON, AES-256-GCM with a random
 * 96-bit nonce and a 128-bit tag, associated data {@code <candidateId>|<eventType>} so that a ciphertext cannot be
 * moved to another person or into another event. The one implementation every service and tool uses.
 */
public final class PersonalDataCipher {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;

    private final SecureRandom random;
    private final JsonMapper json = JsonMapper.builder().build();

    public PersonalDataCipher() {
        this(new SecureRandom());
    }

    PersonalDataCipher(SecureRandom random) {
        this.random = random;
    }

    public SealedValue seal(DataKey key, String candidateId, String eventType, Object value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key.material(), nonce, associatedData(candidateId, eventType),
                json.writeValueAsBytes(value));
        Base64.Encoder base64 = Base64.getEncoder();
        return new SealedValue(key.version(), base64.encodeToString(nonce), base64.encodeToString(ciphertext));
    }

    /**
     * @throws SealedValueException if the value was not sealed with this key for this candidate and event type, or
     *                              was changed
     */
    public <T> T open(DataKey key, String candidateId, String eventType, SealedValue sealed, Class<T> type) {
        if (sealed.keyVersion() != key.version()) {
            throw new SealedValueException("sealed with key version " + sealed.keyVersion() + ", the vault has "
                    + key.version());
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = Base64.getDecoder().decode(sealed.nonce());
            ciphertext = Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("nonce or ciphertext is not base64", e);
        }
        if (nonce.length != NONCE_BYTES) {
            throw new SealedValueException("nonce of " + nonce.length + " bytes, expected " + NONCE_BYTES);
        }
        byte[] plain = crypt(Cipher.DECRYPT_MODE, key.material(), nonce, associatedData(candidateId, eventType),
                ciphertext);
        return json.readValue(plain, type);
    }

    static byte[] associatedData(String candidateId, String eventType) {
        return (candidateId + "|" + eventType).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SealedValueException("does not open with this key and associated data (tampered or moved)", e);
        } catch (GeneralSecurityException e) {
            throw new SealedValueException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /** A sealed value that cannot be opened with the key it names: a malformed record, not an erased person. */
    public static final class SealedValueException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public SealedValueException(String message) {
            super(message);
        }

        public SealedValueException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
