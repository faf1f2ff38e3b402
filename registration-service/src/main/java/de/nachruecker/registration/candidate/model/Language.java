package de.nachruecker.registration.candidate.model;

import java.util.Arrays;
import java.util.Optional;

/** Language of the messages a candidate receives; German first. */
public enum Language {
    DE("de"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as on the wire. */
    public String code() {
        return code;
    }

    public static Optional<Language> fromCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }
}
