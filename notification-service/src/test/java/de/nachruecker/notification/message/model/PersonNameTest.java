package de.nachruecker.notification.message.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNameTest {

    @Test
    void firstNameAndInitialOfTheFamilyNameInEitherOrder() {
        assertThat(PersonName.shortForm("Erika Mustermann")).isEqualTo("Erika M.");
        assertThat(PersonName.shortForm("  Anna Maria  von Schmidt ")).isEqualTo("Anna S.");
        assertThat(PersonName.shortForm("Mustermann, Erika")).isEqualTo("Erika M.");
        assertThat(PersonName.shortForm("Maria-Magdalena Müller-Lüdenscheidt")).isEqualTo("Maria-Magdalena M.");
        assertThat(PersonName.shortForm("Özlem özdemir")).isEqualTo("Özlem Ö.");
    }

    @Test
    void oneWordIsTheFirstNameAndNothingIsNoName() {
        assertThat(PersonName.shortForm("Erika")).isEqualTo("Erika");
        assertThat(PersonName.shortForm(" ")).isNull();
        assertThat(PersonName.shortForm(null)).isNull();
    }

    @Test
    void lettersOutsideGsm7LoseTheirAccentSoTheSmsStaysGsm7() {
        String name = PersonName.shortForm("Łucja Dąbrowska-Kowalczyk");
        assertThat(name).isEqualTo("Lucja D.");
        assertThat(SmsSegments.isGsm7(name)).isTrue();
        assertThat(PersonName.shortForm("Ștefan Țurcanu")).isEqualTo("Stefan T.");
    }

    @Test
    void aVeryLongFirstNameIsCut() {
        assertThat(PersonName.shortForm("Wolfeschlegelsteinhausenbergerdorff Meier"))
                .isEqualTo("Wolfeschlegelsteinha M.").hasSize(PersonName.MAX_FIRST_NAME + 3);
    }
}
