package de.nachruecker.registration.registration.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Set;

/**
 * Which phone numbers can receive the SMS offers: real mobile numbers of the served countries. Numbers without a
 * country code are read as numbers of the default region (Germany). Landlines are refused: they cannot receive SMS.
 */
public final class MobileNumberPolicy {

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    private final Set<String> servedRegions;

    public MobileNumberPolicy(String defaultRegion, Set<String> servedRegions) {
        this.defaultRegion = defaultRegion;
        this.servedRegions = Set.copyOf(servedRegions);
    }

    /** @return the number in E.164, or why it cannot be used */
    public Result check(String raw) {
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            return Result.rejected("is not a phone number");
        }
        if (!PHONE_NUMBERS.isValidNumber(number)) {
            return Result.rejected("is not a valid phone number");
        }
        if (!servedRegions.contains(PHONE_NUMBERS.getRegionCodeForNumber(number))) {
            return Result.rejected("must be a German or EU mobile number");
        }
        if (PHONE_NUMBERS.getNumberType(number) != PhoneNumberUtil.PhoneNumberType.MOBILE) {
            return Result.rejected("must be a mobile number that can receive SMS");
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
