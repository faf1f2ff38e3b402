package de.nachruecker.support.personaldata;

import com.mongodb.client.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The key vault and the sealing of personal fields for every service. The vault is the database
 * {@code nachruecker.key-vault.database} ({@value PersonalDataKeys#DEFAULT_DATABASE}) on the service's own MongoDB
 * server, or on the server of {@code nachruecker.key-vault.uri} when one is set (a separate cluster in production).
 */
@AutoConfiguration(afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
public class PersonalDataAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    PersonalDataKeys personalDataKeys(ObjectProvider<MongoClient> serviceClient,
                                      @Value("${nachruecker.key-vault.uri:}") String uri,
                                      @Value("${nachruecker.key-vault.database:" + PersonalDataKeys.DEFAULT_DATABASE
                                              + "}") String database,
                                      @Value("${nachruecker.key-vault.master-key:}") String masterKey) {
        PersonalDataKeys keys = uri.isBlank() ? PersonalDataKeys.on(serviceClient.getObject(), database, masterKey)
                : PersonalDataKeys.connect(uri, database, masterKey);
        if (!keys.wrapsKeys()) {
            log.warn("no key vault master key configured (nachruecker.key-vault.master-key): personal data keys are "
                    + "stored unwrapped in database {}", database);
        }
        return keys;
    }

    /** The message keys live in the same vault, with the same master key. */
    @Bean
    @ConditionalOnMissingBean
    MessageSecrets messageSecrets(PersonalDataKeys keys) {
        return new MessageSecrets(keys.messageKeys(), new PersonalDataCipher());
    }

    @Bean
    @ConditionalOnMissingBean
    PersonalData personalData(PersonalDataKeys keys,
                              @Value("${nachruecker.key-vault.cache-size:10000}") int cacheSize) {
        return new PersonalData(keys, new PersonalDataCipher(), cacheSize);
    }
}
