package de.nachruecker.registration.candidate.model;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PersonIdentityTest {

    private static final LocalDate BIRTH = LocalDate.of(1950, 4, 1);

    @Test
    void spellingsOfTheSameNameAreOnePerson() {
        String key = PersonIdentity.key("Jürgen Müller", BIRTH);
        assertThat(PersonIdentity.key("juergen  mueller", BIRTH)).isEqualTo(key);
        assertThat(PersonIdentity.key("MÜLLER, Jürgen", BIRTH)).isEqualTo(key);
        assertThat(PersonIdentity.key("Ju\u0308rgen Mu\u0308ller", BIRTH)).isEqualTo(key);
    }

    @Test
    void otherNameOrOtherBirthDateIsAnotherPerson() {
        String key = PersonIdentity.key("Jürgen Müller", BIRTH);
        assertThat(PersonIdentity.key("Jürgen Möller", BIRTH)).isNotEqualTo(key);
        assertThat(PersonIdentity.key("Jürgen Müller", BIRTH.plusDays(1))).isNotEqualTo(key);
    }

    @Test
    void accentsAndSharpSAreFolded() {
        assertThat(PersonIdentity.normalizedName("José Groß-Éclair")).isEqualTo("eclair gross jose");
    }

    @Test
    void keyIsAHashNotTheName() {
        assertThat(PersonIdentity.key("Erika Mustermann", BIRTH)).matches("[0-9a-f]{64}").doesNotContain("erika");
    }
}
