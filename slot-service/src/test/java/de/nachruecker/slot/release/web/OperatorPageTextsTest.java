package de.nachruecker.slot.release.web;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The operator pages' texts as the pages get them (the bundle read as Boot reads it): a count and its noun agree,
 * one dose is "1 Dosis" / "1 dose", not "1 Dosen" as the release page once said.
 */
class OperatorPageTextsTest {

    private static final Locale GERMAN = Locale.GERMAN;
    private static final Locale ENGLISH = Locale.ENGLISH;

    private final ResourceBundleMessageSource messages = messages();

    @Test
    void theReleaseTitleSaysOneDoseAndTwoDoses() {
        assertThat(text("release.title", GERMAN, 1, "Comirnaty")).isEqualTo("Freigabe: 1 Dosis Comirnaty");
        assertThat(text("release.title", GERMAN, 2, "Comirnaty")).isEqualTo("Freigabe: 2 Dosen Comirnaty");
        assertThat(text("release.title", ENGLISH, 1, "Comirnaty")).isEqualTo("Release: 1 dose of Comirnaty");
        assertThat(text("release.title", ENGLISH, 10, "Comirnaty")).isEqualTo("Release: 10 doses of Comirnaty");
    }

    @Test
    void theFillNotesAgreeWithTheirCount() {
        assertThat(text("fill.at-risk", GERMAN, 1))
                .isEqualTo("Achtung: 1 Dosis ist noch nicht vergeben, die Haltbarkeit endet bald.");
        assertThat(text("fill.at-risk", GERMAN, 3))
                .isEqualTo("Achtung: 3 Dosen sind noch nicht vergeben, die Haltbarkeit endet bald.");
        assertThat(text("fill.at-risk", ENGLISH, 1))
                .isEqualTo("Attention: 1 dose is not yet taken and its shelf life ends soon.");
        assertThat(text("fill.at-risk", ENGLISH, 3))
                .isEqualTo("Attention: 3 doses are not yet taken and their shelf life ends soon.");
        assertThat(text("fill.doses-expired", GERMAN, 1))
                .isEqualTo("1 Dosis wurde nicht rechtzeitig vergeben und ist verfallen.");
        assertThat(text("fill.doses-expired", GERMAN, 2))
                .isEqualTo("2 Dosen wurden nicht rechtzeitig vergeben und sind verfallen.");
        assertThat(text("fill.doses-expired", ENGLISH, 1)).isEqualTo("1 dose was not taken in time and is wasted.");
        assertThat(text("fill.doses-expired", ENGLISH, 2))
                .isEqualTo("2 doses were not taken in time and are wasted.");
    }

    @Test
    void theErrorSummaryCountsItsFields() {
        assertThat(text("errors.title", GERMAN, 1)).isEqualTo("Bitte prüfen Sie 1 Angabe:");
        assertThat(text("errors.title", GERMAN, 2)).isEqualTo("Bitte prüfen Sie 2 Angaben:");
        assertThat(text("errors.title", ENGLISH, 1)).isEqualTo("Please check 1 field:");
        assertThat(text("errors.title", ENGLISH, 2)).isEqualTo("Please check 2 fields:");
    }

    /** The rules' arguments reach the page as text: their messages must not need a number. */
    @Test
    void aRuleNamingTheConfirmedDosesTakesItsCountAsText() {
        assertThat(text("rule.doses.below-taken", GERMAN, "1"))
                .isEqualTo("Nicht weniger als die schon Nachrückern bestätigten Dosen: 1.");
        assertThat(text("rule.doses.below-taken", ENGLISH, "1"))
                .isEqualTo("Not fewer than the doses already confirmed to candidates: 1.");
    }

    /** A broken choice pattern shows up only when its page is rendered: every text with arguments is parsed here. */
    @Test
    void everyTextWithArgumentsIsAValidMessageFormatInBothLanguages() throws IOException {
        for (String file : new String[] {"operator-pages.properties", "operator-pages_en.properties"}) {
            Properties texts = new Properties();
            try (InputStream in = getClass().getResourceAsStream("/i18n/" + file)) {
                texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(texts).isNotEmpty();
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                if (text.contains("{")) {
                    assertThatCode(() -> new MessageFormat(text, GERMAN)).as("%s in %s", key, file)
                            .doesNotThrowAnyException();
                }
            }
        }
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /** As Boot configures it from {@code spring.messages} in application.yml. */
    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/operator-pages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
