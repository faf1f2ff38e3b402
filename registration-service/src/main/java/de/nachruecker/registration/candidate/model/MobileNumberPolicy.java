package de.nachruecker.registration.candidate.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import de.nachruecker.events.candidate.PhoneKind;

import java.util.Set;

/**
 * Which phone numbers can receive the offers: real mobile numbers of the served countries (texted), or German
 * fixed-line numbers (called: the offer is read aloud). Numbers without a country code are read as numbers of the
 * default region (Germany). A landline given as a mobile is refused (it cannot receive SMS), and so is a mobile given
 * as a landline (it would be called where a text reaches the person better).
 */
public final class MobileNumberPolicy {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    private final Set<String> servedRegions;

    public MobileNumberPolicy(String defaultRegion, Set<String> servedRegions) {
        this.defaultRegion = defaultRegion;
        this.servedRegions = Set.copyOf(servedRegions);
    }

    /** Region whose fixed-line numbers are called: the voice texts and quiet hours are German. */
    static final String LANDLINE_REGION = "DE";

    /** @return the mobile number in E.164, or why it cannot be used */
    public Result check(String raw) {
        return check(raw, PhoneKind.MOBILE);
    }

    /** @return the number in E.164, or why it cannot be used as a phone of this kind */
    public Result check(String raw, PhoneKind kind) {
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            return Result.rejected("is not a phone number");
        }
        if (!PHONE_NUMBERS.isValidNumber(number)) {
            return Result.rejected("is not a valid phone number");
        }
        if (kind == PhoneKind.LANDLINE) {
            return checkLandline(number);
        }
        if (!servedRegions.contains(PHONE_NUMBERS.getRegionCodeForNumber(number))) {
            return Result.rejected("must be a German or EU mobile number");
        }
        if (PHONE_NUMBERS.getNumberType(number) != PhoneNumberUtil.PhoneNumberType.MOBILE) {
            return Result.rejected("must be a mobile number that can receive SMS");
        }
        return new Result(PHONE_NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
    }

    private static Result checkLandline(PhoneNumber number) {
        if (!LANDLINE_REGION.equals(PHONE_NUMBERS.getRegionCodeForNumber(number))) {
            return Result.rejected("must be a German landline number");
        }
        PhoneNumberUtil.PhoneNumberType type = PHONE_NUMBERS.getNumberType(number);
        if (type != PhoneNumberUtil.PhoneNumberType.FIXED_LINE
                && type != PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            return Result.rejected("must be a landline number (a mobile number gets SMS: choose mobile)");
        }
        return new Result(PHONE_NUMBERS.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
    }

    /** Either {@code e164} or {@code problem} is set. */
    public record Result(String e164, String problem) {

        static Result rejected(String problem) {
            return new Result(null, problem);
        }

        public boolean accepted() {
            return e164 != null;
        }
    }
}
