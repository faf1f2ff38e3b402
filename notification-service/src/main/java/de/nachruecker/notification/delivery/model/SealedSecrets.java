package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.SealedValue;

/**
 * The secret parameters of a delivery as they came with the request: sealed with the message's own key, kept so until
 * the moment of sending.
 *
 * @param keyId the id of the message key in the key vault: the event id of the request that carried them
 */
public record SealedSecrets(String keyId, SealedValue value) {

    public SealedSecrets {
        if (keyId == null || value == null) {
            throw new IllegalArgumentException("sealed secrets need their key id and value");
        }
    }
}
