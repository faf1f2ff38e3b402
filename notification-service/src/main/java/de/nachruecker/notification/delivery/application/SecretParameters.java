package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.delivery.model.SealedSecrets;

import java.util.Map;
import java.util.Optional;

/** Opens the sealed secret parameters of a delivery just before sending, and ends them once it is final. */
public interface SecretParameters {

    /**
     * @return the secret parameters, or empty if the message's key is gone (erased, expired, or the delivery was
     * finished already)
     * @throws IllegalArgumentException if they do not open with their key (tampered with): a malformed request
     */
    Optional<Map<String, String>> open(SealedSecrets secrets);

    /** The delivery is final: every copy of the secrets (topic, dead letters, store) is unreadable from now on. */
    void discard(String keyId);
}
