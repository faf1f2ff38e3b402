package de.nachruecker.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The answer to a JSON body that cannot become the request's type: an RFC 9457 problem (400, "Invalid input") whose
 * {@code errors} name the field twice, as a path ({@code window.to}, {@code centreIds[1]}) and as a JSON pointer
 * ({@code /window/to}), with what the field takes. Shared so that every service words it the same way; each
 * service's own advice hands its unreadable bodies here, and {@link ApiFallbackAdvice} does for the rest.
 */
public final class InvalidBody {

    public static final String TITLE = "Invalid input";

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, Double.class, float.class, Float.class,
            BigDecimal.class);
    private static final Set<Class<?>> INSTANTS = Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class);

    private InvalidBody() {
    }

    /**
     * One field the body got wrong.
     *
     * @param field   the path of the field, dotted, with indices in brackets
     * @param pointer the same as an RFC 6901 JSON pointer
     * @param message what the field takes
     */
    public record InvalidField(String field, String pointer, String message) {
    }

    /** The field that made the body unreadable, if the body was JSON and the failure was at a known field. */
    public static Optional<InvalidField> field(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof DatabindException databind) || databind.getPath().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder field = new StringBuilder();
        StringBuilder pointer = new StringBuilder();
        for (var reference : databind.getPath()) {
            String name = reference.getPropertyName();
            if (name != null) {
                field.append(field.isEmpty() ? "" : ".").append(name);
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            } else {
                field.append('[').append(reference.getIndex()).append(']');
                pointer.append('/').append(reference.getIndex());
            }
        }
        return Optional.of(new InvalidField(field.toString(), pointer.toString(), message(databind)));
    }

    /** The problem to answer with: the field named where known, otherwise that the body is not (valid) JSON. */
    public static ProblemDetail problem(HttpMessageNotReadableException e) {
        return field(e).map(InvalidBody::problem).orElseGet(() -> Problems.problem(HttpStatus.BAD_REQUEST, TITLE,
                "The request body is missing or not valid JSON; nothing was stored."));
    }

    public static ProblemDetail problem(InvalidField field) {
        return Problems.invalid(TITLE, "Field '" + field.field() + "' " + field.message() + "; nothing was stored.",
                List.of(field));
    }

    private static String message(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            // a record's own check refused the values it was given
            return "is not valid: " + e.getCause().getMessage();
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target == null) {
            return "has a value of the wrong type";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        if (WHOLE_NUMBERS.contains(target)) {
            return "must be a whole number (not a fraction, not in quotes)";
        }
        if (NUMBERS.contains(target)) {
            return "must be a number (not in quotes)";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "must be true or false (not in quotes)";
        }
        if (target == String.class) {
            return "must be a text in quotes";
        }
        if (target == LocalDate.class) {
            return "must be a date in quotes (YYYY-MM-DD)";
        }
        if (INSTANTS.contains(target)) {
            return "must be an ISO-8601 instant in quotes, e.g. \"2021-03-30T14:00:00Z\"";
        }
        if (target == Duration.class) {
            return "must be an ISO-8601 duration in quotes, e.g. \"PT30M\"";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "must be an object";
        }
        return "has a value of the wrong type";
    }
}
