package de.nachruecker.support.security;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The staff sign-in page every service with staff pages shares: German first, English on request. */
@Controller
class StaffLoginController {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "de", Map.of(
                    "title", "Anmeldung für Mitarbeitende",
                    "username", "Benutzername",
                    "password", "Passwort",
                    "submit", "Anmelden",
                    "failed", "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es noch einmal.",
                    "loggedOut", "Sie sind abgemeldet.",
                    "otherLanguage", "English",
                    "otherLanguageCode", "en"),
            "en", Map.of(
                    "title", "Staff sign-in",
                    "username", "User name",
                    "password", "Password",
                    "submit", "Sign in",
                    "failed", "The user name or password is wrong. Please try again.",
                    "loggedOut", "You are signed out.",
                    "otherLanguage", "Deutsch",
                    "otherLanguageCode", "de"));

    private static final List<String> LANGUAGES = List.of("de", "en");

    @GetMapping(StaffSecurity.LOGIN_PAGE)
    String login(@RequestParam(required = false) String lang,
                 @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                 Model model) {
        String language = lang != null && TEXTS.containsKey(lang) ? lang : browserLanguage(acceptLanguage);
        model.addAttribute("lang", language);
        model.addAttribute("text", TEXTS.get(language));
        return "staff/login";
    }

    /** German unless the browser prefers English to it. */
    private static String browserLanguage(String acceptLanguage) {
        try {
            String preferred = acceptLanguage == null ? null
                    : Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return preferred == null ? "de" : preferred;
        } catch (IllegalArgumentException malformedHeader) {
            return "de";
        }
    }
}
