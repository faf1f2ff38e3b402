package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseCorrection;
import de.nachruecker.slot.release.model.ReleaseDraft;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.slot.release.model.Violation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The forms of the operator pages, bound from request parameters as text so that every unreadable value becomes a
 * field error the page can show, never a failure. Only these fields are bound: nothing else of a release can be set.
 */
final class ReleaseForms {

    /** Longest withdrawal reason, as in the API. */
    static final int MAX_REASON = 500;

    private ReleaseForms() {
    }

    /**
     * @param idempotencyKey set when the form is shown, so that submitting it twice publishes once
     */
    record PublishForm(String centreId, String product, String doseCount, String windowFrom, String windowTo,
                       String usableUntil, String vialOpenedAt, String idempotencyKey) {

        static PublishForm blank(String centreId, Instant now, PageTimes times) {
            Instant from = now.plusSeconds(30 * 60).truncatedTo(ChronoUnit.MINUTES);
            return new PublishForm(centreId, null, null, times.field(from), times.field(from.plusSeconds(2 * 3600)),
                    null, null, UUID.randomUUID().toString());
        }

        /** @throws InvalidFormException listing every unreadable or missing value */
        ReleaseDraft toDraft(PageTimes times) {
            Errors errors = new Errors();
            errors.required("centreId", centreId);
            errors.required("product", product);
            Integer count = errors.number("doseCount", doseCount);
            Instant from = errors.requiredTime("windowFrom", windowFrom, times);
            Instant to = errors.requiredTime("windowTo", windowTo, times);
            Instant usable = errors.time("usableUntil", usableUntil, times);
            Instant opened = errors.time("vialOpenedAt", vialOpenedAt, times);
            errors.throwIfAny();
            return new ReleaseDraft(centreId, product, count, new TimeWindow(from, to), usable, opened);
        }

        /** The same values, to be submitted as a new release. */
        PublishForm withNewKey() {
            return new PublishForm(centreId, product, doseCount, windowFrom, windowTo, usableUntil, vialOpenedAt,
                    UUID.randomUUID().toString());
        }

        String idempotencyKeyOrNull() {
            return idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey;
        }
    }

    record CorrectionForm(String doseCount, String windowFrom, String windowTo, String usableUntil) {

        static CorrectionForm of(Release release, PageTimes times) {
            return new CorrectionForm(String.valueOf(release.doseCount()), times.field(release.window().from()),
                    times.field(release.window().to()), times.field(release.usableUntil()));
        }

        ReleaseCorrection toCorrection(PageTimes times) {
            Errors errors = new Errors();
            Integer count = errors.number("doseCount", doseCount);
            Instant from = errors.requiredTime("windowFrom", windowFrom, times);
            Instant to = errors.requiredTime("windowTo", windowTo, times);
            Instant usable = errors.requiredTime("usableUntil", usableUntil, times);
            errors.throwIfAny();
            return new ReleaseCorrection(count, new TimeWindow(from, to), usable);
        }
    }

    record WithdrawalForm(String reason) {

        String toReason() {
            Errors errors = new Errors();
            errors.required("reason", reason);
            if (reason != null && reason.strip().length() > MAX_REASON) {
                errors.add(FormError.of("reason", "error.too-long"));
            }
            errors.throwIfAny();
            return reason.strip();
        }
    }

    /**
     * One problem with a form field: a message key of the pages with the values it names.
     *
     * @param field the form field's name, which is also its input's id
     */
    record FormError(String field, String code, List<String> arguments) {

        FormError {
            arguments = List.copyOf(arguments);
        }

        static FormError of(String field, String code) {
            return new FormError(field, code, List.of());
        }

        /**
         * A broken release rule in the page's language ({@code rule.*} keys); times in the centre's local time.
         * Rule violations name JSON paths ({@code window.to}); the form names its fields flat.
         */
        static FormError of(Violation violation, PageTimes times) {
            String field = switch (violation.field()) {
                case "window.from" -> "windowFrom";
                case "window.to" -> "windowTo";
                default -> violation.field();
            };
            List<String> arguments = violation.arguments().stream()
                    .map(argument -> argument instanceof Instant instant ? times.shown(instant)
                            : String.valueOf(argument))
                    .toList();
            return new FormError(field, "rule." + violation.rule(), arguments);
        }
    }

    /** The form could not be read; nothing was done. */
    static final class InvalidFormException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<FormError> errors;

        InvalidFormException(List<FormError> errors) {
            super("invalid form: " + errors);
            this.errors = List.copyOf(errors);
        }

        List<FormError> errors() {
            return errors;
        }
    }

    private static final class Errors {

        private final List<FormError> errors = new ArrayList<>();

        void add(FormError error) {
            errors.add(error);
        }

        void required(String field, String value) {
            if (value == null || value.isBlank()) {
                add(FormError.of(field, "error.required"));
            }
        }

        Integer number(String field, String value) {
            if (value == null || value.isBlank()) {
                add(FormError.of(field, "error.required"));
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                add(FormError.of(field, "error.number"));
                return null;
            }
        }

        Instant requiredTime(String field, String value, PageTimes times) {
            if (value == null || value.isBlank()) {
                add(FormError.of(field, "error.required"));
                return null;
            }
            return time(field, value, times);
        }

        Instant time(String field, String value, PageTimes times) {
            try {
                return times.parse(value).orElse(null);
            } catch (IllegalArgumentException e) {
                add(FormError.of(field, "error.datetime"));
                return null;
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidFormException(errors);
            }
        }
    }
}
