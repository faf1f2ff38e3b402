package de.nachruecker.registration.registration.web;

import de.nachruecker.registration.registration.application.ConcurrentChangeException;
import de.nachruecker.registration.registration.application.DuplicateRegistrationException;
import de.nachruecker.registration.registration.application.InvalidInputException;
import de.nachruecker.registration.registration.application.RegistrationMetrics;
import de.nachruecker.registration.registration.application.UnknownAccessTokenException;
import de.nachruecker.registration.registration.model.RegistrationWithdrawnException;
import de.nachruecker.registration.registration.model.Violation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Errors as RFC 9457 problem details; input errors name each field in {@code errors}. */
@RestControllerAdvice(assignableTypes = RegistrationController.class)
class RegistrationProblems extends ResponseEntityExceptionHandler {

    private static final String INVALID_TITLE = "Invalid input";

    private final RegistrationMetrics metrics;

    RegistrationProblems(RegistrationMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (ex.getTarget() instanceof RegistrationRequest) {
            metrics.rejected("invalid");
        }
        List<Violation> violations = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation(error.getField(), Objects.toString(error.getDefaultMessage(), "is invalid")))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        return ResponseEntity.badRequest().body(invalid(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (request.getDescription(false).equals("uri=" + RegistrationController.BASE)) {
            metrics.rejected("invalid");
        }
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ResponseEntity.badRequest().body(invalid(List.of(new Violation(field, unreadable(jackson)))));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON.");
        problem.setTitle(INVALID_TITLE);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String unreadable(JacksonException e) {
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return "must be one of " + Arrays.toString(target.getEnumConstants());
        }
        if (LocalDate.class.equals(target)) {
            return "must be a date (YYYY-MM-DD)";
        }
        return "has a value of the wrong type";
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return ResponseEntity.badRequest().body(invalid(e.violations()));
    }

    private static ProblemDetail invalid(List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Some fields are missing or invalid; nothing was stored.");
        problem.setTitle(INVALID_TITLE);
        problem.setProperty("errors", violations);
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicate(DuplicateRegistrationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Already registered");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(UnknownAccessTokenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "A valid access token is required (Authorization: Bearer <token>).");
        problem.setTitle("Not authenticated");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> withdrawn(RegistrationWithdrawnException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This registration was withdrawn and can no longer be changed.");
        problem.setTitle("Registration withdrawn");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrentChangeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The registration was changed at the same time; please try again.");
        problem.setTitle("Concurrent change");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
