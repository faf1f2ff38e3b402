package de.nachruecker.notification.delivery.persistence;

import de.nachruecker.notification.contact.application.ContactErasureListener;
import de.nachruecker.notification.delivery.application.SecretParameters;
import de.nachruecker.notification.delivery.model.SealedSecrets;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The message keys of the key vault (service-support {@link MessageSecrets}) as this service uses them: opens a
 * delivery's secrets, deletes the key once the delivery is final, deletes the keys of an erased contact's messages, and
 * bounds the keys of messages never finished (a request lost or dead-lettered): every
 * {@code nachruecker.notification.message-keys.expiry-interval} (15 min) the keys older than
 * {@code nachruecker.notification.message-keys.max-age} (24 h) are deleted.
 */
@Component
class VaultSecretParameters implements SecretParameters, ContactErasureListener, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(VaultSecretParameters.class);

    private final MessageSecrets secrets;
    private final Duration maxAge;

    VaultSecretParameters(MessageSecrets secrets,
                          @Value("${nachruecker.notification.message-keys.max-age:24h}") Duration maxAge) {
        this.secrets = secrets;
        this.maxAge = maxAge;
    }

    @Override
    public Opener openAll(Collection<SealedSecrets> sealed) {
        MessageSecrets.Opener opener = secrets.openAll(sealed.stream().map(SealedSecrets::keyId).toList());
        return one -> {
            try {
                return opener.open(one.keyId(), one.value());
            } catch (PersonalDataCipher.SealedValueException e) {
                throw new IllegalArgumentException("the secrets of message " + one.keyId() + " do not open", e);
            }
        };
    }

    @Override
    public void discard(String keyId) {
        secrets.discard(keyId);
    }

    @Override
    public void discardAll(Collection<String> keyIds) {
        secrets.discardAll(keyIds);
    }

    @Override
    public void contactErased(String candidateId) {
        long erased = secrets.eraseOf(candidateId);
        if (erased > 0) {
            log.info("erased the keys of {} pending message(s) of candidate {}", erased, candidateId);
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        secrets.keys().createIndexes();
    }

    @Scheduled(fixedDelayString = "${nachruecker.notification.message-keys.expiry-interval:15m}",
            initialDelayString = "${nachruecker.notification.message-keys.expiry-interval:15m}")
    void expire() {
        long expired = secrets.expireBefore(Instant.now().minus(maxAge));
        if (expired > 0) {
            log.info("deleted {} message key(s) older than {} (messages never finished)", expired, maxAge);
        }
    }
}
