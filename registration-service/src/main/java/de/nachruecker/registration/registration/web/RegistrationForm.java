package de.nachruecker.registration.registration.web;

import de.nachruecker.events.candidate.PriorityGroup;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;

/**
 * The registration form as posted: text as typed, so that nothing typed is lost when the page comes back with errors.
 * Only these fields bind; it becomes a {@link RegistrationRequest} and is checked exactly like the API's.
 *
 * @param consent "yes" when the box is ticked
 */
record RegistrationForm(String name, String birthDate, String phone, String email, String priorityGroup,
                        List<String> centreIds, String maxTravelMinutes, String language, String consent) {

    /** Strict: 31.02.1950 is no date (the lenient default would make it 28.02.1950). */
    private static final DateTimeFormatter GERMAN_DATE =
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    static RegistrationForm empty(String language) {
        return new RegistrationForm("", "", "", "", null, List.of(), "30", language, null);
    }

    /** Unreadable values become {@code null}, which the request's checks report for their field. */
    RegistrationRequest toRequest() {
        return new RegistrationRequest(name, date(birthDate), phone, email == null || email.isBlank() ? null : email,
                language, group(priorityGroup), centreIds == null ? List.of() : centreIds, number(maxTravelMinutes),
                "yes".equals(consent));
    }

    public boolean chose(String centreId) {
        return centreIds != null && centreIds.contains(centreId);
    }

    /** A date field sends ISO dates; typed by hand (no date picker) it is German, 12.03.1944. */
    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException iso) {
            try {
                return LocalDate.parse(value.strip(), GERMAN_DATE);
            } catch (DateTimeParseException german) {
                return null;
            }
        }
    }

    static Integer number(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static PriorityGroup group(String value) {
        return Arrays.stream(PriorityGroup.values()).filter(group -> group.name().equals(value)).findFirst()
                .orElse(null);
    }
}
