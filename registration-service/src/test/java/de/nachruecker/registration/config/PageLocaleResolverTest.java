package de.nachruecker.registration.config;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PageLocaleResolverTest {

    private final PageLocaleResolver resolver = new PageLocaleResolver();

    @Test
    void theLangParameterWinsThenTheBrowserThenGerman() {
        assertThat(resolver.resolveLocale(request(null, null))).isEqualTo(Locale.GERMAN);
        assertThat(resolver.resolveLocale(request(null, "en-GB,en;q=0.8"))).isEqualTo(Locale.ENGLISH);
        assertThat(resolver.resolveLocale(request(null, "fr-FR,fr;q=0.9"))).isEqualTo(Locale.GERMAN);
        assertThat(resolver.resolveLocale(request("de", "en"))).isEqualTo(Locale.GERMAN);
        assertThat(resolver.resolveLocale(request("EN", null))).isEqualTo(Locale.ENGLISH);
        assertThat(resolver.resolveLocale(request("xx", "de-DE"))).isEqualTo(Locale.GERMAN);
        assertThat(resolver.resolveLocale(request(null, ";;;q=x"))).isEqualTo(Locale.GERMAN);
    }

    private static MockHttpServletRequest request(String lang, String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (lang != null) {
            request.setParameter("lang", lang);
        }
        if (acceptLanguage != null) {
            request.addHeader("Accept-Language", acceptLanguage);
        }
        return request;
    }
}
