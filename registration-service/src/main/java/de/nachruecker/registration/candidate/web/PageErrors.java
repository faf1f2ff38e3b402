package de.nachruecker.registration.candidate.web;

import de.nachruecker.registration.shared.model.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A form's errors in plain language, one per field in the order of the form, for the error summary (with links to
 * the fields) and for the message next to each field.
 */
final class PageErrors {

    private final List<String> fieldOrder;
    private final MessageSource messages;
    private final Locale locale;
    private final Map<String, String> byField = new LinkedHashMap<>();

    PageErrors(List<String> fieldOrder, MessageSource messages, Locale locale) {
        this.fieldOrder = fieldOrder;
        this.messages = messages;
        this.locale = locale;
    }

    /** The checks of the API request the form becomes; each failing field gets its page message. */
    <T> PageErrors check(Validator validator, T request) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            field(violation.getPropertyPath().iterator().next().getName());
        }
        return this;
    }

    PageErrors violations(List<Violation> violations) {
        violations.forEach(violation -> field(violation.field()));
        return this;
    }

    /** The field's general message ({@code error.<field>}). */
    PageErrors field(String field) {
        return add(field, "error." + field);
    }

    PageErrors add(String field, String key, Object... arguments) {
        byField.putIfAbsent(field, messages.getMessage(key, arguments, locale));
        return this;
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    /** Field to message, in the order of the form. */
    Map<String, String> asMap() {
        Map<String, String> ordered = new LinkedHashMap<>();
        fieldOrder.stream().filter(byField::containsKey).forEach(field -> ordered.put(field, byField.get(field)));
        byField.forEach(ordered::putIfAbsent);
        return ordered;
    }
}
