package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Preferences;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registration form as posted: text as typed, so that nothing typed is lost when the page comes back with errors.
 * Only these fields bind; it becomes a {@link RegistrationRequest} and is checked exactly like the API's.
 *
 * @param consent   "yes" when the box is ticked
 * @param phoneKind "LANDLINE" for "Festnetz (Anruf)", anything else is a mobile
 */
record RegistrationForm(String name, String birthDate, String phone, String email, String priorityGroup,
                        List<String> centreIds, String maxTravelMinutes, String language, String consent,
                        String phoneKind) {

    /** Strict: 31.02.1950 is no date (the lenient default would make it 28.02.1950). */
    private static final DateTimeFormatter GERMAN_DATE =
            DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    static RegistrationForm empty(String language) {
        return new RegistrationForm("", "", "", "", null, List.of(), "30", language, null, PhoneKind.MOBILE.name());
    }

    /**
     * The form for the next person on the same phone: contact, centres, travel time and language as the signed-in
     * registration has them (a household usually shares them), name and birth date empty.
     */
    static RegistrationForm anotherPerson(Applicant contact, Preferences preferences) {
        return new RegistrationForm("", "", contact.phone(), contact.email() == null ? "" : contact.email(), null,
                preferences.centreIds(), String.valueOf(preferences.maxTravelMinutes()),
                preferences.language().code(), null, contact.phoneKind().name());
    }

    /** Unreadable values become {@code null}, which the request's checks report for their field. */
    RegistrationRequest toRequest() {
        return new RegistrationRequest(name, date(birthDate), phone,
                PhoneKind.LANDLINE.name().equals(phoneKind) ? PhoneKind.LANDLINE : PhoneKind.MOBILE,
                email == null || email.isBlank() ? null : email, language, group(priorityGroup),
                centreIds == null ? List.of() : centreIds, number(maxTravelMinutes),
                "yes".equals(consent));
    }

    /** Whether the landline option is chosen (the mobile one otherwise). */
    public boolean landline() {
        return PhoneKind.LANDLINE.name().equals(phoneKind);
    }

    public boolean chose(String centreId) {
        return centreIds != null && centreIds.contains(centreId);
    }

    /** Day, month, year with dots, dashes or spaces between them (12.03.1944, 12-3-1944, 12 03 1944). */
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})\\s*[.\\-\\s]\\s*(\\d{1,2})\\s*[.\\-\\s]\\s*(\\d{4})");
    /** Eight digits, as a numeric keypad without a dot types them: 12031944. */
    private static final Pattern DIGITS_ONLY = Pattern.compile("(\\d{2})(\\d{2})(\\d{4})");

    /**
     * The birth date as typed in the text field, day first as the hint shows, whatever the browser's locale: the
     * field is a text input (a browser's date control follows the browser's locale, mm/dd/yyyy in an English one).
     * ISO (1944-03-12) is still accepted. Slashes are not: 03/12/1944 means different days to different readers.
     */
    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String typed = value.strip();
        try {
            return LocalDate.parse(typed);
        } catch (DateTimeParseException iso) {
            Matcher matcher = DAY_FIRST.matcher(typed);
            if (!matcher.matches()) {
                matcher = DIGITS_ONLY.matcher(typed);
                if (!matcher.matches()) {
                    return null;
                }
            }
            try {
                return LocalDate.parse(matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3),
                        GERMAN_DATE);
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
