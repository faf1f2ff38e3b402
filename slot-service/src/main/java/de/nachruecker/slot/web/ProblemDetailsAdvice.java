package de.nachruecker.slot.web;

import de.nachruecker.slot.release.application.ConcurrentChangeException;
import de.nachruecker.slot.release.application.IdempotencyKeyReusedException;
import de.nachruecker.slot.release.application.ReleaseNotFoundException;
import de.nachruecker.slot.release.model.AppointmentNotFoundException;
import de.nachruecker.slot.release.model.AppointmentCancelledException;
import de.nachruecker.slot.release.model.ArrivalAlreadyRecordedException;
import de.nachruecker.slot.release.model.InvalidReleaseException;
import de.nachruecker.slot.release.model.ReleaseNotOpenException;
import de.nachruecker.support.web.InvalidBody;
import de.nachruecker.support.web.Problems;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error of the JSON API as an RFC 9457 problem detail (the pages answer with pages); invalid input additionally lists {@code errors}: one {@code field} and
 * {@code message} per broken rule, fields named by their JSON path (e.g. {@code window.to}).
 */
@RestControllerAdvice(annotations = RestController.class)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidReleaseException.class)
    ProblemDetail invalidRelease(InvalidReleaseException e) {
        return invalidInput(e.violations().stream().map(v -> new FieldProblem(v.field(), v.message())).toList());
    }

    @ExceptionHandler(ReleaseNotFoundException.class)
    ProblemDetail notFound(ReleaseNotFoundException e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "Release not found", e.getMessage());
    }

    @ExceptionHandler(AppointmentNotFoundException.class)
    ProblemDetail appointmentNotFound(AppointmentNotFoundException e) {
        return Problems.problem(HttpStatus.NOT_FOUND, "Appointment not found", e.getMessage());
    }

    @ExceptionHandler(AppointmentCancelledException.class)
    ProblemDetail appointmentCancelled(AppointmentCancelledException e) {
        return Problems.problem(HttpStatus.CONFLICT, "Appointment cancelled", e.getMessage());
    }

    @ExceptionHandler(ArrivalAlreadyRecordedException.class)
    ProblemDetail arrivalRecorded(ArrivalAlreadyRecordedException e) {
        return Problems.problem(HttpStatus.CONFLICT, "Arrival already recorded", e.getMessage());
    }

    @ExceptionHandler({ReleaseNotOpenException.class, ConcurrentChangeException.class})
    ProblemDetail conflict(RuntimeException e) {
        return Problems.problem(HttpStatus.CONFLICT, "Release cannot be changed", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(invalidInput(fieldProblems(e.getBindingResult().getFieldErrors())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors errors) {
                problems.addAll(fieldProblems(errors.getFieldErrors()));
            } else {
                String message = result.getResolvableErrors().stream()
                        .map(MessageSourceResolvable::getDefaultMessage).collect(Collectors.joining("; "));
                problems.add(new FieldProblem(result.getMethodParameter().getParameterName(), message));
            }
        });
        return ResponseEntity.badRequest().body(invalidInput(problems));
    }

    /** Malformed JSON, or a value in the wrong shape (strict JSON, service-support): the field is named. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(InvalidBody.problem(e));
    }

    private static List<FieldProblem> fieldProblems(List<FieldError> errors) {
        return errors.stream().map(error -> new FieldProblem(error.getField(), error.getDefaultMessage())).toList();
    }

    private static ProblemDetail invalidInput(List<FieldProblem> problems) {
        return Problems.invalid(InvalidBody.TITLE,
                "The request has " + problems.size() + " invalid field(s); nothing was stored or published", problems);
    }

    /** One invalid request field. */
    record FieldProblem(String field, String message) {
    }
}
