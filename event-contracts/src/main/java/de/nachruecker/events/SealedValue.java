package de.nachruecker.events;

/**
 * Personal data inside an event, encrypted with the person's own data key (crypto-shredding): AES-256-GCM with a
 * random 96-bit nonce, the associated data binding it to the candidate id and the event type, so that it opens only
 * in the event it was sealed for. The key lives in the key vault of the owner service (registration-service); once it
 * is deleted at the person's erasure, every copy of this value — on a topic, in dead letters, in backups — is
 * unreadable. Sealing and opening are in service-support ({@code PersonalDataCipher}).
 *
 * @param keyVersion which of the person's keys sealed it: a random number per key, so that a value sealed with a key
 *                   that was deleted and later replaced counts as erased
 * @param nonce      the 12-byte GCM nonce, base64
 * @param ciphertext the encrypted JSON value with the 16-byte GCM tag appended, base64
 */
public record SealedValue(int keyVersion, String nonce, String ciphertext) {

    public SealedValue {
        if (nonce == null || nonce.isBlank() || ciphertext == null || ciphertext.isBlank()) {
            throw new IllegalArgumentException("a sealed value needs its nonce and ciphertext");
        }
    }
}
