package de.nachruecker.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers requests whose framing a client got wrong (a Content-Type that is a pattern or no media type, a query or
 * form that does not decode) with a 4xx problem document before anything reads them. Left to the container and to
 * Spring's own filters, these surface as exceptions outside any controller advice and end as 500s.
 */
public class MalformedRequestFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null) {
            String problem = contentTypeProblem(contentType);
            if (problem != null) {
                reject(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                        problem);
                return;
            }
        }
        try {
            // the container decodes query and form parameters lazily and throws from whoever asks first
            request.getParameterMap();
        } catch (RuntimeException e) {
            reject(request, response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request",
                    "The query string or form body could not be decoded: every parameter needs a name, and names "
                            + "and values must be UTF-8, percent-encoded.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (HttpMessageNotReadableException e) {
            // Spring's FormContentFilter decodes PUT/PATCH/DELETE forms before any controller advice can see them
            if (response.isCommitted()) {
                throw e;
            }
            reject(request, response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request",
                    "The form body could not be decoded: names and values must be UTF-8, percent-encoded.");
        }
    }

    private static String contentTypeProblem(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "Content-Type '" + contentType + "' is not a media type.";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "Content-Type must name the body's media type, such as application/json, not a pattern like '"
                    + contentType + "'.";
        }
        return null;
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, int status, String title,
                               String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
