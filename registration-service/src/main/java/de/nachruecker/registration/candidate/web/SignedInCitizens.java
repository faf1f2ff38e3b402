package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.candidate.application.OwnRegistrations;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.offer.web.SignedInCandidate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a handler's {@link SignedInCitizen} (the session's access token) and the offer pages'
 * {@link SignedInCandidate} (the candidate that token belongs to) from the page session, so that no handler reads
 * the session itself. No session: {@link NotSignedInException}; a token whose registration is gone:
 * {@code UnknownAccessTokenException}; {@link CitizenPages} turns both into the sign-in page.
 */
@Component
class SignedInCitizens implements HandlerMethodArgumentResolver {

    private final OwnRegistrations own;

    SignedInCitizens(OwnRegistrations own) {
        this.own = own;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SignedInCitizen.class
                || parameter.getParameterType() == SignedInCandidate.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        AccessToken token = CitizenSession.current(webRequest.getNativeRequest(HttpServletRequest.class))
                .orElseThrow(NotSignedInException::new);
        if (parameter.getParameterType() == SignedInCitizen.class) {
            return new SignedInCitizen(token);
        }
        return new SignedInCandidate(own.find(token).candidateId());
    }
}
