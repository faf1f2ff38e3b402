package de.nachruecker.support.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishValidationMessagesTest {

    private final Locale jvmLocale = Locale.getDefault();

    record Person(@NotBlank @Size(max = 3) String name) {
    }

    @AfterEach
    void restoreLocales() {
        Locale.setDefault(jvmLocale);
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void messagesAreEnglishUnderAGermanJvmAndAGermanRequest() {
        Locale.setDefault(Locale.GERMANY);
        LocaleContextHolder.setLocale(Locale.GERMAN);
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.setConfigurationInitializer(EnglishValidationMessages::inEnglish);
            validator.afterPropertiesSet();

            assertThat(validator.validate(new Person("Erika"))).singleElement()
                    .extracting(violation -> violation.getMessage()).isEqualTo("size must be between 0 and 3");
            assertThat(validator.validate(new Person(" "))).singleElement()
                    .extracting(violation -> violation.getMessage()).isEqualTo("must not be blank");
        }
    }
}
