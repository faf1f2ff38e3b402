package de.nachruecker.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Refuses a change (POST, PUT, PATCH, DELETE) to a JSON endpoint before its handler runs when no answer the caller
 * accepts can be written. Spring checks the Accept header only when writing the answer, so without this the change is
 * made and stored and the caller gets a 406 that tells it the opposite.
 */
public class AnswerableChangeInterceptor implements HandlerInterceptor {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Supplier<List<HttpMessageConverter<?>>> converters;

    public AnswerableChangeInterceptor(Supplier<List<HttpMessageConverter<?>>> converters) {
        this.converters = converters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod method) || !CHANGES.contains(request.getMethod())
                || !writesBody(method)) {
            return true;
        }
        Class<?> body = bodyType(method);
        if (body == null) {
            return true;
        }
        List<MediaType> accepted = accepted(request);
        for (MediaType type : accepted) {
            for (HttpMessageConverter<?> converter : converters.get()) {
                if (converter.canWrite(body, type)) {
                    return true;
                }
            }
        }
        throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** Whether the handler answers with a body written by a converter (JSON), as opposed to rendering a page. */
    static boolean writesBody(HandlerMethod method) {
        return method.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                || HttpEntity.class.isAssignableFrom(method.getReturnType().getParameterType());
    }

    /** The type of the answer's body, or null when the handler answers without one. */
    private static Class<?> bodyType(HandlerMethod method) {
        ResolvableType type = ResolvableType.forMethodParameter(method.getReturnType());
        if (HttpEntity.class.isAssignableFrom(type.toClass())) {
            type = type.as(HttpEntity.class).getGeneric(0);
        }
        Class<?> body = type.resolve(Object.class);
        return body == void.class || body == Void.class ? null : body;
    }

    private static List<MediaType> accepted(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return List.of(MediaType.ALL);
        }
        try {
            return MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("Accept header '" + accept + "' is not a media type list");
        }
    }
}
