package de.nachruecker.notification.contact.model;

import de.nachruecker.events.candidate.PhoneKind;

import java.util.Objects;

/**
 * How to reach a candidate, or the fact that the candidate's contact data was erased (then every other field is
 * {@code null}: nothing personal is kept, only that the candidate must never be messaged).
 *
 * @param phoneKind whether {@code phone} takes SMS or only calls; MOBILE when not known (contacts from before)
 */
public record Contact(String candidateId, String name, String phone, String email, String language, boolean erased,
                      PhoneKind phoneKind) {

    public Contact {
        Objects.requireNonNull(candidateId, "candidateId");
        phoneKind = phoneKind == null ? PhoneKind.MOBILE : phoneKind;
    }

    public Contact(String candidateId, String name, String phone, String email, String language, boolean erased) {
        this(candidateId, name, phone, email, language, erased, PhoneKind.MOBILE);
    }

    public static Contact of(String candidateId, String name, String phone, String email, String language) {
        return of(candidateId, name, phone, email, language, PhoneKind.MOBILE);
    }

    public static Contact of(String candidateId, String name, String phone, String email, String language,
                             PhoneKind phoneKind) {
        return new Contact(candidateId, name, blankToNull(phone), blankToNull(email), language, false, phoneKind);
    }

    public static Contact erased(String candidateId) {
        return new Contact(candidateId, null, null, null, null, true, null);
    }

    public boolean hasPhone() {
        return !erased && phone != null;
    }

    /** A mobile: messages go by SMS. */
    public boolean takesSms() {
        return hasPhone() && phoneKind == PhoneKind.MOBILE;
    }

    /** A landline: messages are calls that read them aloud. */
    public boolean takesCalls() {
        return hasPhone() && phoneKind == PhoneKind.LANDLINE;
    }

    public boolean hasEmail() {
        return !erased && email != null;
    }

    /** English when the candidate chose it, German otherwise. */
    public boolean prefersEnglish() {
        return "en".equalsIgnoreCase(language);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
