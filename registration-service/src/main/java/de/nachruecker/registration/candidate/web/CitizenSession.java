package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.model.AccessToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * The page session carries the citizen's access token (the session cookie is HttpOnly and SameSite=Lax, see
 * application.yml). Signing in gives the session a new id, so an id planted before sign-in is worth nothing after it.
 */
final class CitizenSession {

    private static final String ACCESS_TOKEN = CitizenSession.class.getName() + ".accessToken";

    private CitizenSession() {
    }

    static void signIn(HttpServletRequest request, AccessToken token) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session.setAttribute(ACCESS_TOKEN, token.value());
    }

    static Optional<AccessToken> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : AccessToken.parse((String) session.getAttribute(ACCESS_TOKEN));
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
