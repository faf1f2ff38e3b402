package de.nachruecker.registration.candidate.model;

import de.nachruecker.events.candidate.PhoneKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MobileNumberPolicyTest {

    private final MobileNumberPolicy policy = new MobileNumberPolicy("DE", Set.of("DE", "AT", "FR", "NL"));

    @ParameterizedTest
    @CsvSource({
            "0151 23456789, +4915123456789",
            "+49 (0)170 1234567, +491701234567",
            "0049 160 1234567, +491601234567",
            "+43 664 1234567, +436641234567",
            "+33 6 12 34 56 78, +33612345678"})
    void normalisesGermanAndEuMobileNumbersToE164(String raw, String e164) {
        MobileNumberPolicy.Result result = policy.check(raw);
        assertThat(result.accepted()).isTrue();
        assertThat(result.e164()).isEqualTo(e164);
    }

    @Test
    void refusesLandlines() {
        assertThat(policy.check("0561 1234567").problem()).isEqualTo("must be a mobile number that can receive SMS");
    }

    @ParameterizedTest
    @CsvSource({
            "05631 123456, +495631123456",
            "+49 561 1234567, +495611234567",
            "030 12345678, +493012345678"})
    void acceptsGermanLandlinesGivenAsLandlines(String raw, String e164) {
        MobileNumberPolicy.Result result = policy.check(raw, PhoneKind.LANDLINE);
        assertThat(result.accepted()).isTrue();
        assertThat(result.e164()).isEqualTo(e164);
    }

    @Test
    void refusesMobilesAndForeignNumbersGivenAsLandlines() {
        assertThat(policy.check("0151 23456789", PhoneKind.LANDLINE).problem())
                .isEqualTo("must be a landline number (a mobile number gets SMS: choose mobile)");
        assertThat(policy.check("+43 1 5880000", PhoneKind.LANDLINE).problem())
                .isEqualTo("must be a German landline number");
        assertThat(policy.check("0561 1", PhoneKind.LANDLINE).problem()).isEqualTo("is not a valid phone number");
    }

    @Test
    void refusesNumbersOutsideTheServedRegions() {
        assertThat(policy.check("+1 202 555 0143").problem()).isEqualTo("must be a German or EU mobile number");
    }

    @Test
    void refusesWhatIsNoPhoneNumber() {
        assertThat(policy.check("call me maybe").problem()).isEqualTo("is not a phone number");
        assertThat(policy.check("0151 1").problem()).isEqualTo("is not a valid phone number");
    }
}
