package de.nachruecker.registration.ratelimit.web;

import de.nachruecker.registration.ratelimit.model.RateLimitExceededException;
import de.nachruecker.support.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The answer to a request over a rate limit: 429 with {@code Retry-After}, as a problem detail. */
public final class TooManyRequests {

    private TooManyRequests() {
    }

    public static ResponseEntity<ProblemDetail> problem(RateLimitExceededException e) {
        long seconds = e.retryAfterSeconds();
        ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                "Too many requests of this kind from your address or for this phone number; please try again in "
                        + seconds + " seconds.");
        problem.setProperty("retryAfterSeconds", seconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
    }
}
