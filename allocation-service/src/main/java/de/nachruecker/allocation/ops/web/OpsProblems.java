package de.nachruecker.allocation.ops.web;

import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.rules.model.RuleChange;
import de.nachruecker.support.web.InvalidBody;
import de.nachruecker.support.web.Problems;
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

import java.util.List;
import java.util.Map;

/** Errors of the ops API as RFC 9457 problem details, field by field for invalid input. */
@RestControllerAdvice(assignableTypes = {RulesController.class, ReleasesOpsController.class})
public class OpsProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ReleasesOpsController.NotFoundException.class)
    ProblemDetail notFound(ReleasesOpsController.NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(KeepingRules.ConcurrentRuleChangeException.class)
    ProblemDetail conflict(KeepingRules.ConcurrentRuleChangeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** A rule change that breaks the rules for rules: each field named. */
    @ExceptionHandler(RuleChange.InvalidRuleChangeException.class)
    ProblemDetail invalidRuleChange(RuleChange.InvalidRuleChangeException e) {
        return Problems.invalid("Invalid rule change", "The rule change was refused; nothing was stored.",
                e.violations());
    }

    /** The rule set's own consistency checks (e.g. minimum response window above the window), in their words. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail inconsistent(IllegalArgumentException e) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "Invalid rule set",
                e.getMessage() + "; nothing was stored.");
    }

    /** A value in the wrong shape (strict JSON, service-support), named by field; or a body that is no JSON. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(InvalidBody.problem(ex));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        // the same title as a value in the wrong shape, and as the other services' invalid bodies
        return ResponseEntity.badRequest().body(Problems.invalid(InvalidBody.TITLE,
                "Some fields are missing or invalid; nothing was stored.", errors));
    }
}
