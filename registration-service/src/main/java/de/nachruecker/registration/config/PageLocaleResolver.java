package de.nachruecker.registration.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * The language of the citizen's pages: {@code ?lang=de|en} (a link or a hidden form field carries it on), else the
 * browser's Accept-Language, else German. Nothing is stored, not even in the page session: the language travels with
 * the links and forms.
 */
public class PageLocaleResolver implements LocaleResolver {

    static final List<Locale> SUPPORTED = List.of(Locale.GERMAN, Locale.ENGLISH);
    private static final Locale DEFAULT = Locale.GERMAN;

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Locale chosen = supported(request.getParameter("lang"));
        if (chosen != null) {
            return chosen;
        }
        String accepted = request.getHeader("Accept-Language");
        if (accepted == null || accepted.isBlank()) {
            return DEFAULT;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(accepted), SUPPORTED);
            return best == null ? DEFAULT : best;
        } catch (IllegalArgumentException e) {
            return DEFAULT; // a malformed header is no reason to fail the page
        }
    }

    private static Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return SUPPORTED.stream().filter(locale -> locale.getLanguage().equalsIgnoreCase(language.strip()))
                .findFirst().orElse(null);
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the language is chosen per request with ?lang=");
    }
}
