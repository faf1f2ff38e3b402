package de.nachruecker.notification.contact.model;

import java.util.Objects;

/**
 * How to reach a candidate, or the fact that the candidate's contact data was erased (then every other field is
 * {@code null}: nothing personal is kept, only that the candidate must never be messaged).
 */
public record Contact(String candidateId, String name, String phone, String email, String language, boolean erased) {

    public Contact {
        Objects.requireNonNull(candidateId, "candidateId");
    }

    public static Contact of(String candidateId, String name, String phone, String email, String language) {
        return new Contact(candidateId, name, blankToNull(phone), blankToNull(email), language, false);
    }

    public static Contact erased(String candidateId) {
        return new Contact(candidateId, null, null, null, null, true);
    }

    public boolean hasPhone() {
        return !erased && phone != null;
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
