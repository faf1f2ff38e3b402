package de.nachruecker.registration.registration.model;

import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationTest {

    private static final Instant NOW = Instant.parse("2021-05-03T08:00:00Z");

    static Registration registration() {
        return Registration.register("c-1",
                new Applicant("Erika Mustermann", LocalDate.of(1950, 4, 1), "+4915123456789", null),
                PriorityGroup.HIGH, new Preferences(List.of("korbach"), 30, Language.DE), NOW);
    }

    @Test
    void aNewRegistrationAwaitsVerification() {
        Registration registration = registration();
        assertThat(registration.status()).isEqualTo(RegistrationStatus.AWAITING_VERIFICATION);
        assertThat(registration.isVerified()).isFalse();
        assertThat(registration.verify().status()).isEqualTo(RegistrationStatus.ACTIVE);
    }

    @Test
    void withdrawalErasesPersonalDataAndPreferences() {
        Registration withdrawn = registration().withdraw(NOW.plusSeconds(60));
        assertThat(withdrawn.status()).isEqualTo(RegistrationStatus.WITHDRAWN);
        assertThat(withdrawn.applicant()).isEmpty();
        assertThat(withdrawn.preferences()).isEmpty();
        assertThat(withdrawn.priorityGroup()).isEmpty();
        assertThat(withdrawn.withdrawnAt()).contains(NOW.plusSeconds(60));
        assertThat(withdrawn.registeredAt()).isEqualTo(NOW);
    }

    @Test
    void aWithdrawnRegistrationCannotChange() {
        Registration withdrawn = registration().withdraw(NOW);
        Preferences preferences = new Preferences(List.of("kassel"), 40, Language.EN);
        assertThatThrownBy(() -> withdrawn.changePreferences(preferences))
                .isInstanceOf(RegistrationWithdrawnException.class);
        assertThatThrownBy(withdrawn::verify).isInstanceOf(RegistrationWithdrawnException.class);
    }
}
