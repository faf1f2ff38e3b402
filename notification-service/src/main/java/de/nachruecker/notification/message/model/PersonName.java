package de.nachruecker.notification.message.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Whom a message is for, as short as tells apart the people who share one phone: the first name and the initial of
 * the family name ("Erika M."). Never more, since an SMS shows on a lock screen and a helper's phone serves several.
 */
public final class PersonName {

    /** Keeps two SMS segments in reach with the longest texts; a longer first name is cut. */
    static final int MAX_FIRST_NAME = 20;

    private PersonName() {
    }

    /**
     * "Erika Mustermann" and "Mustermann, Erika" give "Erika M."; one word is the first name alone; {@code null} or
     * blank gives {@code null}. Letters outside the GSM-7 alphabet lose their accent ("Łucja" becomes "Lucja"), so that
     * a name never switches an SMS to UCS-2, which has less than half the room.
     */
    public static String shortForm(String fullName) {
        if (fullName == null || fullName.isBlank()) {
            return null;
        }
        String first;
        String family;
        int comma = fullName.indexOf(',');
        if (comma >= 0) {
            family = fullName.substring(0, comma).strip();
            first = firstWord(fullName.substring(comma + 1));
        } else {
            String[] words = fullName.strip().split("\\s+");
            first = words[0];
            family = words.length > 1 ? words[words.length - 1] : "";
        }
        first = gsm7(first);
        if (first.length() > MAX_FIRST_NAME) {
            first = first.substring(0, MAX_FIRST_NAME);
        }
        String initial = gsm7(family).replaceAll("^-+", "");
        if (first.isEmpty()) {
            return null;
        }
        return initial.isEmpty() ? first : first + " " + initial.substring(0, 1).toUpperCase(Locale.ROOT) + ".";
    }

    private static String firstWord(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? "" : stripped.split("\\s+")[0];
    }

    /** Letters only, each in the GSM-7 alphabet or reduced to its base letter; anything else is left out. */
    private static String gsm7(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c) && c != '-') {
                continue;
            }
            String single = String.valueOf(c);
            if (SmsSegments.isGsm7(single)) {
                out.append(c);
                continue;
            }
            String base = Normalizer.normalize(single, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            if (base.equals("ł") || base.equals("Ł")) {
                base = c == 'Ł' ? "L" : "l";
            }
            if (!base.isEmpty() && SmsSegments.isGsm7(base)) {
                out.append(base);
            }
        }
        return out.toString();
    }
}
