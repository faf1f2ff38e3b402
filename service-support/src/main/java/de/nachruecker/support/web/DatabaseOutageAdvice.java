package de.nachruecker.support.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

import java.time.Duration;
import java.util.Map;

/**
 * Answers a request that met an unreachable database with 503 and {@code Retry-After}: a problem document for the
 * API, the error page for pages. Left alone, each such request ended as a 500 whose stack trace the container logged
 * (a fault test wrote 537 MB of them); an outage is a temporary condition, not a bug, so each request gets one WARN
 * line without a stack trace. One line per request rather than a rate-limited one keeps every caller's correlation id
 * findable, and costs a few hundred bytes per request.
 *
 * <p>Spring Data translates the driver's socket and server-selection timeouts to
 * {@link DataAccessResourceFailureException}; the driver's own types are listed for what reaches here untranslated or
 * only as a cause (an operation timeout or a cleared pool ends as {@code UncategorizedMongoDbException}). Ordered
 * last, so a service's own advice that handles an exception first still answers it.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class DatabaseOutageAdvice {

    static final String TITLE = "Service temporarily unavailable";
    static final String DETAIL = "The service's database is not reachable right now; try again shortly.";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageAdvice.class);

    private final long retryAfterSeconds;

    public DatabaseOutageAdvice(Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, MongoSocketException.class,
            MongoTimeoutException.class, MongoConnectionPoolClearedException.class})
    Object databaseUnreachable(Exception e, HttpServletRequest request, HttpServletResponse response) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        // the path without the query, which may carry a token
        log.warn("{} {} answered 503, the database is not reachable: {}: {}", request.getMethod(),
                request.getRequestURI(), cause.getClass().getName(), cause.getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        if (isPage(request)) {
            return new ModelAndView("error", Map.of("status", HttpStatus.SERVICE_UNAVAILABLE.value()),
                    HttpStatus.SERVICE_UNAVAILABLE);
        }
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, TITLE, DETAIL);
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }

    /** Read from the request, not taken as an argument: the handler is not known yet if the lookup itself failed. */
    private static boolean isPage(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && !AnswerableChangeInterceptor.writesBody(handler);
    }
}
