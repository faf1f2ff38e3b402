package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.registration.ratelimit.web.TooManyRequests;
import de.nachruecker.registration.candidate.application.ConcurrentChangeException;
import de.nachruecker.registration.candidate.application.DuplicateRegistrationException;
import de.nachruecker.registration.candidate.application.InvalidInputException;
import de.nachruecker.registration.candidate.application.RegistrationMetrics;
import de.nachruecker.registration.candidate.application.CancellingAppointment;
import de.nachruecker.registration.candidate.application.UnknownAccessTokenException;
import de.nachruecker.registration.candidate.application.VerificationFailedException;
import de.nachruecker.registration.candidate.model.AlreadyVaccinatedException;
import de.nachruecker.registration.candidate.model.CodeRefusedException;
import de.nachruecker.registration.candidate.model.RegistrationWithdrawnException;
import de.nachruecker.registration.candidate.model.VerificationAttempt;
import de.nachruecker.registration.shared.model.Violation;
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

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Errors as RFC 9457 problem details; input errors name each field in {@code errors}. */
@RestControllerAdvice(assignableTypes = {RegistrationController.class, VerificationController.class})
class RegistrationProblems extends ResponseEntityExceptionHandler {

    private final RegistrationMetrics metrics;
    private final Clock clock;

    RegistrationProblems(RegistrationMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
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
        // strict JSON (service-support): a value in the wrong shape is refused, naming the field
        return ResponseEntity.badRequest().body(InvalidBody.problem(ex));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
        return ResponseEntity.badRequest().body(invalid(e.violations()));
    }

    private static ProblemDetail invalid(List<Violation> violations) {
        return Problems.invalid(InvalidBody.TITLE, "Some fields are missing or invalid; nothing was stored.",
                violations);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> duplicate(DuplicateRegistrationException e) {
        return Problems.answer(HttpStatus.CONFLICT, e.kind() == DuplicateRegistrationException.Kind.HOUSEHOLD_FULL
                ? "Phone number full" : "Already registered", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(UnknownAccessTokenException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(Problems.problem(HttpStatus.UNAUTHORIZED, "Not authenticated",
                        "A valid access token is required (Authorization: Bearer <token>)."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> withdrawn(RegistrationWithdrawnException e) {
        return Problems.answer(HttpStatus.CONFLICT, "Registration withdrawn",
                "This registration was withdrawn and can no longer be changed.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> verificationFailed(VerificationFailedException e) {
        VerificationAttempt attempt = e.attempt();
        if (attempt.outcome() == VerificationAttempt.Outcome.WRONG_CODE) {
            return ResponseEntity.badRequest().body(invalid(List.of(new Violation("code",
                    "is not correct; " + attempt.attemptsLeft() + (attempt.attemptsLeft() == 1 ? " attempt" : " attempts")
                            + " left"))));
        }
        if (attempt.outcome() == VerificationAttempt.Outcome.EXPIRED) {
            return ResponseEntity.badRequest().body(invalid(List.of(new Violation("code",
                    "has expired; request a new code"))));
        }
        return Problems.answer(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts",
                "Too many wrong codes; request a new code.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> codeRefused(CodeRefusedException e) {
        if (e.reason() == CodeRefusedException.Reason.ALREADY_VERIFIED) {
            return Problems.answer(HttpStatus.CONFLICT, "Already verified", "The phone number is already verified.");
        }
        if (e.reason() == CodeRefusedException.Reason.TOO_SOON) {
            long seconds = Math.max(1, Duration.between(clock.instant(), e.nextPossibleAt()).toSeconds());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "Too soon",
                            "A new code can be requested in " + seconds + " seconds."));
        }
        return Problems.answer(HttpStatus.TOO_MANY_REQUESTS, "No codes left",
                "No more codes can be sent for this registration.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> vaccinated(AlreadyVaccinatedException e) {
        return Problems.answer(HttpStatus.CONFLICT, "Already vaccinated",
                "You were vaccinated through the platform and are no longer on the standby list.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyRequests(RateLimitExceededException e) {
        return TooManyRequests.problem(e);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> noAppointment(CancellingAppointment.NoAppointmentException e) {
        return Problems.answer(HttpStatus.CONFLICT, "No appointment",
                "There is no confirmed appointment to cancel (none, cancelled before, or your visit was recorded).");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrentChangeException e) {
        return Problems.answer(HttpStatus.CONFLICT, "Concurrent change",
                "The registration was changed at the same time; please try again.");
    }
}
