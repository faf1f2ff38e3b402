package de.nachruecker.registration.offer.web;

import de.nachruecker.registration.offer.model.AnswerRefusedException;
import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.registration.ratelimit.web.TooManyRequests;
import de.nachruecker.registration.shared.model.Violation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import de.nachruecker.support.web.InvalidBody;
import de.nachruecker.support.web.Problems;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Errors of the answer API as RFC 9457 problem details; input errors name each field in {@code errors}. */
@RestControllerAdvice(assignableTypes = OfferAnswerController.class)
class OfferAnswerProblems extends ResponseEntityExceptionHandler {

    static HttpStatus statusOf(AnswerRefusedException.Reason reason) {
        switch (reason) {
            case USED:
                return HttpStatus.CONFLICT;
            case EXPIRED:
                return HttpStatus.GONE;
            default:
                return HttpStatus.NOT_FOUND;
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(AnswerRefusedException e) {
        HttpStatus status = statusOf(e.reason());
        switch (e.reason()) {
            case USED:
                return Problems.answer(status, "Already answered", "This offer was answered already; a link works once.");
            case EXPIRED:
                return Problems.answer(status, "Offer closed",
                        "The answer deadline passed or the offer was closed; you keep your place in the queue.");
            default:
                return Problems.answer(status, "Unknown link", "This link is not known.");
        }
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyRequests(RateLimitExceededException e) {
        return TooManyRequests.problem(e);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return invalid(ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation(error.getField(), Objects.toString(error.getDefaultMessage(), "is invalid")))
                .sorted(Comparator.comparing(Violation::field))
                .toList());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        // a field in the wrong shape is named (strict JSON); a body that is no JSON at all gets the old hint
        return InvalidBody.field(ex).<ResponseEntity<Object>>map(field -> ResponseEntity.badRequest()
                        .body(InvalidBody.problem(field)))
                .orElseGet(() -> invalid(List.of(new Violation("answer", "must be ACCEPT or DECLINE in a JSON body"))));
    }

    private static ResponseEntity<Object> invalid(List<Violation> violations) {
        return ResponseEntity.badRequest().body(Problems.invalid(InvalidBody.TITLE,
                "Some fields are missing or invalid; nothing was answered.", violations));
    }
}
