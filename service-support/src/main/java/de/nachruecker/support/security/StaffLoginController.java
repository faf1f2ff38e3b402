package de.nachruecker.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
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
                    "throttled", "Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in {0} Sekunden noch "
                            + "einmal.",
                    "otherLanguage", "English",
                    "otherLanguageCode", "en"),
            "en", Map.of(
                    "title", "Staff sign-in",
                    "username", "User name",
                    "password", "Password",
                    "submit", "Sign in",
                    "failed", "The user name or password is wrong. Please try again.",
                    "loggedOut", "You are signed out.",
                    "throttled", "Too many failed sign-ins. Please try again in {0} seconds.",
                    "otherLanguage", "Deutsch",
                    "otherLanguageCode", "de"));

    /**
     * The answer to a sign-in during a back-off after failed sign-ins (the password was not checked): 429 with
     * Retry-After and a short page in the language the session chose, linking back to the form.
     */
    static void throttled(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null
                : session.getAttribute(SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME);
        String language = chosen instanceof Locale locale && TEXTS.containsKey(locale.getLanguage())
                ? locale.getLanguage() : "de";
        Map<String, String> text = TEXTS.get(language);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>"
                + HtmlUtils.htmlEscape(text.get("title")) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/staff-login.css\"></head>"
                + "<body><main><h1>" + HtmlUtils.htmlEscape(text.get("title")) + "</h1><p role=\"alert\" "
                + "class=\"error\">" + HtmlUtils.htmlEscape(MessageFormat.format(text.get("throttled"),
                String.valueOf(retryAfterSeconds))) + "</p><p><a href=\"" + request.getContextPath()
                + StaffSecurity.LOGIN_PAGE + "\">" + HtmlUtils.htmlEscape(text.get("submit")) + "</a></p>"
                + "</main></body></html>\n");
    }

    /** The locale comes from {@link StaffPagesAutoConfiguration}: German unless {@code ?lang=en} was picked. */
    @GetMapping(StaffSecurity.LOGIN_PAGE)
    String login(Locale locale, Model model) {
        String language = TEXTS.containsKey(locale.getLanguage()) ? locale.getLanguage() : "de";
        model.addAttribute("lang", language);
        model.addAttribute("text", TEXTS.get(language));
        return "staff/login";
    }
}
