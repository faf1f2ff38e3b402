package de.nachruecker.registration.candidate.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves an API handler's {@link CallingCitizen} from the Authorization header, so that no handler reads the header
 * itself. An absent or malformed token: {@code UnknownAccessTokenException}, the same 401 as an unknown one. Arguments
 * are resolved in order: a handler lists its citizen after its body, so that an invalid body is answered 400 first.
 */
class CallingCitizens implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CallingCitizen.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return new CallingCitizen(BearerToken.from(webRequest.getHeader(HttpHeaders.AUTHORIZATION)));
    }
}
