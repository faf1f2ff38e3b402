package de.nachruecker.support.web;

import jakarta.validation.Configuration;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.spi.ConfigurationState;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

import java.util.Locale;

/**
 * Bean Validation's messages ("size must be between 0 and 100") are words of the JSON APIs, whose titles and
 * other details are English: they are interpolated in English whatever locale the request resolved to (the pages
 * default to German) and whatever the JVM's default is. The pages never show these messages; they word a field's
 * error from their own message keys in the page's language.
 */
@AutoConfiguration
@ConditionalOnClass({MessageInterpolator.class, ValidationConfigurationCustomizer.class})
public class EnglishValidationMessages {

    @Bean
    ValidationConfigurationCustomizer englishValidationMessages() {
        return EnglishValidationMessages::inEnglish;
    }

    static void inEnglish(Configuration<?> configuration) {
        // Spring has set its interpolator (the application's messages, then Hibernate's); keep it, fix the locale
        MessageInterpolator configured = configuration instanceof ConfigurationState state
                && state.getMessageInterpolator() != null
                ? state.getMessageInterpolator() : configuration.getDefaultMessageInterpolator();
        configuration.messageInterpolator(new InEnglish(configured));
    }

    /** Hibernate Validator ships an {@code _en} bundle, so English is found without falling back to the JVM's locale. */
    record InEnglish(MessageInterpolator target) implements MessageInterpolator {

        @Override
        public String interpolate(String messageTemplate, Context context) {
            return target.interpolate(messageTemplate, context, Locale.ENGLISH);
        }

        @Override
        public String interpolate(String messageTemplate, Context context, Locale locale) {
            return target.interpolate(messageTemplate, context, Locale.ENGLISH);
        }
    }
}
