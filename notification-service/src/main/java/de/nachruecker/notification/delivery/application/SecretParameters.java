package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.delivery.model.SealedSecrets;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Opens the sealed secret parameters of deliveries just before sending, and ends them once they are final. */
public interface SecretParameters {

    /** Reads the keys of a batch of deliveries at once, for the opener to open each one's secrets. */
    Opener openAll(Collection<SealedSecrets> secrets);

    /** The delivery is final: every copy of the secrets (topic, dead letters, store) is unreadable from now on. */
    void discard(String keyId);

    /** These deliveries are final: as {@link #discard} for each, in one go. */
    void discardAll(Collection<String> keyIds);

    /** Opens the secrets of the deliveries whose keys {@link #openAll} read. */
    @FunctionalInterface
    interface Opener {

        /**
         * @return the secret parameters, or empty if the message's key is gone (erased, expired, or the delivery was
         * finished already)
         * @throws IllegalArgumentException if they do not open with their key (tampered with): a malformed request
         */
        Optional<Map<String, String>> open(SealedSecrets secrets);
    }
}
