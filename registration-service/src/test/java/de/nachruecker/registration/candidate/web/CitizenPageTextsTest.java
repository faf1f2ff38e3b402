package de.nachruecker.registration.candidate.web;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's pages say "einen Versuch" and "2 Minuten", not "Versuch(e)" and "Minute(n)": counts as choices, read
 * from the bundles as Boot reads them ({@code spring.messages} in application.yml).
 */
class CitizenPageTextsTest {

    private final ResourceBundleMessageSource messages = messages();

    @Test
    void theAttemptsLeftAgreeWithTheirCount() {
        assertThat(text("error.code.wrong", Locale.GERMAN, 1))
                .isEqualTo("Der Code stimmt nicht. Sie haben noch einen Versuch.");
        assertThat(text("error.code.wrong", Locale.GERMAN, 3))
                .isEqualTo("Der Code stimmt nicht. Sie haben noch 3 Versuche.");
        assertThat(text("error.code.wrong", Locale.ENGLISH, 1))
                .isEqualTo("The code is not correct. You have 1 attempt left.");
        assertThat(text("error.code.wrong", Locale.ENGLISH, 4))
                .isEqualTo("The code is not correct. You have 4 attempts left.");
    }

    @Test
    void theWaitAfterTooManyRequestsAgreesWithItsMinutes() {
        assertThat(text("too-many.text", Locale.GERMAN, 1L))
                .endsWith("Bitte versuchen Sie es in einer Minute noch einmal.");
        assertThat(text("too-many.text", Locale.GERMAN, 2L))
                .endsWith("Bitte versuchen Sie es in 2 Minuten noch einmal.");
        assertThat(text("too-many.text", Locale.ENGLISH, 1L)).endsWith("Please try again in 1 minute.");
        assertThat(text("outcome.too-many.text", Locale.GERMAN, 5L))
                .contains("Bitte versuchen Sie es in 5 Minuten noch einmal. Ihr Link");
        assertThat(text("outcome.too-many.text", Locale.ENGLISH, 1L))
                .contains("Please try again in 1 minute. Your link");
    }

    private String text(String key, Locale locale, Object argument) {
        return messages.getMessage(key, new Object[] {argument}, locale);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/offer-pages", "i18n/pages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
