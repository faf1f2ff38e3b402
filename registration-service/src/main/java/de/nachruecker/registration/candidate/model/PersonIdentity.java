package de.nachruecker.registration.candidate.model;

import de.nachruecker.registration.shared.model.Sha256;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Decides when two registrations are the same person: same birth date and the same name after normalisation, so that
 * "Jürgen Müller", "juergen  mueller" and "Müller, Jürgen" are one person. Kept as a hash: the key is for the unique
 * index, not for reading.
 */
public final class PersonIdentity {

    private PersonIdentity() {
    }

    public static String key(String name, LocalDate birthDate) {
        return Sha256.hex(normalizedName(name) + "|" + birthDate);
    }

    static String normalizedName(String name) {
        String lower = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        String withoutMarks = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return Arrays.stream(withoutMarks.split("[^\\p{L}]+"))
                .filter(part -> !part.isEmpty())
                .sorted()
                .collect(Collectors.joining(" "));
    }
}
