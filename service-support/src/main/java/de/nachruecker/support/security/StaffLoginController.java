package de.nachruecker.support.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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

    /** The locale comes from {@link StaffPagesAutoConfiguration}: German unless {@code ?lang=en} was picked. */
    @GetMapping(StaffSecurity.LOGIN_PAGE)
    String login(Locale locale, Model model) {
        String language = TEXTS.containsKey(locale.getLanguage()) ? locale.getLanguage() : "de";
        model.addAttribute("lang", language);
        model.addAttribute("text", TEXTS.get(language));
        return "staff/login";
    }
}
