package de.nachruecker.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * RFC 9457 problem details built one way in every service: a status, a short title, a detail a person can act on, and
 * for invalid input the broken rules in {@code errors}.
 */
public final class Problems {

    /** The property that lists the broken rules of invalid input, one entry per field. */
    public static final String ERRORS = "errors";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** The problem as the whole answer, when no header beyond the status is needed. */
    public static ResponseEntity<ProblemDetail> answer(HttpStatusCode status, String title, String detail) {
        return ResponseEntity.status(status).body(problem(status, title, detail));
    }

    /** A 400 whose {@code errors} name what was wrong. */
    public static ProblemDetail invalid(String title, String detail, List<?> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title, detail);
        problem.setProperty(ERRORS, errors);
        return problem;
    }
}
