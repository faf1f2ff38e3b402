package de.nachruecker.registration.candidate.web;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationFormTest {

    @Test
    void datesComeFromTheDatePickerOrTypedTheGermanWay() {
        assertThat(RegistrationForm.date("1944-03-12")).isEqualTo(LocalDate.of(1944, 3, 12));
        assertThat(RegistrationForm.date(" 12.03.1944 ")).isEqualTo(LocalDate.of(1944, 3, 12));
        assertThat(RegistrationForm.date("1.2.1950")).isEqualTo(LocalDate.of(1950, 2, 1));
        assertThat(RegistrationForm.date("31.02.1950")).isNull();
        assertThat(RegistrationForm.date("gestern")).isNull();
    }

    @Test
    void aBirthDateTypedDayFirstIsReadWhateverTheSeparatorOrTheKeypad() {
        LocalDate expected = LocalDate.of(1944, 3, 12);
        assertThat(RegistrationForm.date("12-03-1944")).isEqualTo(expected);
        assertThat(RegistrationForm.date("12 03 1944")).isEqualTo(expected);
        assertThat(RegistrationForm.date("12. 3. 1944")).isEqualTo(expected);
        assertThat(RegistrationForm.date("12031944")).as("a numeric keypad has no dot").isEqualTo(expected);
        assertThat(RegistrationForm.date("29.02.1944")).isEqualTo(LocalDate.of(1944, 2, 29));
        assertThat(RegistrationForm.date("29.02.1943")).isNull();
        assertThat(RegistrationForm.date("13.13.1944")).isNull();
        assertThat(RegistrationForm.date("03/12/1944")).as("ambiguous: month or day first").isNull();
        assertThat(RegistrationForm.date("12.03.44")).as("which century?").isNull();
        assertThat(RegistrationForm.date("1203194")).isNull();
        assertThat(RegistrationForm.date("")).isNull();
    }

    @Test
    void theFormBecomesTheApiRequestAndUnreadableValuesBecomeNull() {
        RegistrationRequest request = new RegistrationForm("Erika Mustermann", "1944-03-12", "0151 23456789", " ",
                "HIGHEST", List.of("korbach"), "30", "de", "yes", "LANDLINE").toRequest();
        assertThat(request.birthDate()).isEqualTo(LocalDate.of(1944, 3, 12));
        assertThat(request.email()).isNull();
        assertThat(request.priorityGroup()).isEqualTo(PriorityGroup.HIGHEST);
        assertThat(request.maxTravelMinutes()).isEqualTo(30);
        assertThat(request.consent()).isTrue();
        assertThat(request.phoneKind()).isEqualTo(PhoneKind.LANDLINE);

        RegistrationRequest unreadable = new RegistrationForm("Erika", "x", "1", null, "VIP", null, "lots", "de",
                null, "SATELLITE").toRequest();
        assertThat(unreadable.priorityGroup()).isNull();
        assertThat(unreadable.maxTravelMinutes()).isNull();
        assertThat(unreadable.centreIds()).isEmpty();
        assertThat(unreadable.consent()).isFalse();
        assertThat(unreadable.phoneKind()).as("anything but the landline choice is a mobile").isEqualTo(PhoneKind.MOBILE);
    }
}
