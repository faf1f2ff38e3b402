package de.nachruecker.notification.message.model;

/**
 * How many SMS segments a text needs. GSM-7 (3GPP TS 23.038 default alphabet): 160 characters in one segment, 153 per
 * segment when concatenated, characters of the extension table count twice. Any other character forces UCS-2: 70
 * characters, 67 per concatenated segment.
 */
public final class SmsSegments {

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0);
    }

    public static int count(String text) {
        if (isGsm7(text)) {
            int septets = text.chars().map(c -> GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
