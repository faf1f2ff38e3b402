package de.nachruecker.registration.candidate.model;

import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationTest {

    private static final Instant NOW = Instant.parse("2021-05-03T08:00:00Z");
    private static final VerificationPolicy POLICY =
            new VerificationPolicy(Duration.ofMinutes(15), 5, 3, Duration.ofSeconds(60));

    static Registration registration() {
        return Registration.register("c-1",
                new Applicant("Erika Mustermann", LocalDate.of(1950, 4, 1), "+4915123456789", null),
                PriorityGroup.HIGH, new Preferences(List.of("korbach"), 30, Language.DE), NOW);
    }

    private static Registration withCode(String code) {
        return registration().issueCode(VerificationCode.hashOf("c-1", code), NOW, POLICY);
    }

    @Test
    void theRightCodeInTimeVerifies() {
        VerificationAttempt attempt = withCode("123456").enterCode("123456", NOW.plusSeconds(899), POLICY);

        assertThat(attempt.outcome()).isEqualTo(VerificationAttempt.Outcome.VERIFIED);
        assertThat(attempt.next().status()).isEqualTo(RegistrationStatus.ACTIVE);
        assertThat(attempt.next().isVerified()).isTrue();
        assertThat(attempt.next().verification().orElseThrow().codeHash()).isNull();
        assertThat(attempt.next().enterCode("123456", NOW, POLICY).outcome())
                .isEqualTo(VerificationAttempt.Outcome.ALREADY_VERIFIED);
    }

    @Test
    void wrongCodesCountAndUseUpTheCode() {
        Registration registration = withCode("123456");
        for (int left = 4; left >= 0; left--) {
            VerificationAttempt attempt = registration.enterCode("654321", NOW, POLICY);
            assertThat(attempt.outcome()).isEqualTo(VerificationAttempt.Outcome.WRONG_CODE);
            assertThat(attempt.attemptsLeft()).isEqualTo(left);
            registration = attempt.next();
        }
        VerificationAttempt exhausted = registration.enterCode("123456", NOW, POLICY);
        assertThat(exhausted.outcome()).isEqualTo(VerificationAttempt.Outcome.TOO_MANY_ATTEMPTS);
        assertThat(exhausted.next()).isNull();
    }

    @Test
    void anExpiredCodeDoesNotVerify() {
        assertThat(withCode("123456").enterCode("123456", NOW.plus(Duration.ofMinutes(15)).plusSeconds(1), POLICY)
                .outcome()).isEqualTo(VerificationAttempt.Outcome.EXPIRED);
    }

    @Test
    void newCodesAreSpacedAndLimitedAndResetTheAttempts() {
        Registration registration = withCode("111111").enterCode("000000", NOW, POLICY).next();
        Registration tooSoon = registration;
        assertThatThrownBy(() -> tooSoon.issueCode("hash", NOW.plusSeconds(59), POLICY))
                .isInstanceOfSatisfying(CodeRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CodeRefusedException.Reason.TOO_SOON);
                    assertThat(e.nextPossibleAt()).isEqualTo(NOW.plusSeconds(60));
                });
        registration = registration.issueCode(VerificationCode.hashOf("c-1", "222222"), NOW.plusSeconds(60), POLICY);
        assertThat(registration.verification().orElseThrow().attempts()).isZero();
        assertThat(registration.verification().orElseThrow().codesSent()).isEqualTo(2);
        assertThat(registration.enterCode("111111", NOW.plusSeconds(61), POLICY).outcome())
                .isEqualTo(VerificationAttempt.Outcome.WRONG_CODE);

        Registration third = registration.issueCode("hash", NOW.plusSeconds(120), POLICY);
        assertThatThrownBy(() -> third.issueCode("hash", NOW.plusSeconds(600), POLICY))
                .isInstanceOfSatisfying(CodeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CodeRefusedException.Reason.LIMIT_REACHED));
    }

    @Test
    void withdrawalErasesPersonalDataPreferencesAndVerification() {
        Registration withdrawn = withCode("123456").withdraw(NOW.plusSeconds(60));
        assertThat(withdrawn.status()).isEqualTo(RegistrationStatus.WITHDRAWN);
        assertThat(withdrawn.applicant()).isEmpty();
        assertThat(withdrawn.preferences()).isEmpty();
        assertThat(withdrawn.priorityGroup()).isEmpty();
        assertThat(withdrawn.verification()).isEmpty();
        assertThat(withdrawn.withdrawnAt()).contains(NOW.plusSeconds(60));
        assertThat(withdrawn.registeredAt()).isEqualTo(NOW);
    }

    @Test
    void aWithdrawnRegistrationCannotChange() {
        Registration withdrawn = withCode("123456").withdraw(NOW);
        Preferences preferences = new Preferences(List.of("kassel"), 40, Language.EN);
        assertThatThrownBy(() -> withdrawn.changePreferences(preferences))
                .isInstanceOf(RegistrationWithdrawnException.class);
        assertThatThrownBy(() -> withdrawn.enterCode("123456", NOW, POLICY))
                .isInstanceOf(RegistrationWithdrawnException.class);
        assertThatThrownBy(() -> withdrawn.issueCode("hash", NOW, POLICY))
                .isInstanceOf(RegistrationWithdrawnException.class);
    }

    private static Registration verified() {
        return withCode("123456").enterCode("123456", NOW, POLICY).next();
    }

    @Test
    void aVaccinatedCandidateLeavesThePoolOnceAndChangesNoMore() {
        Registration vaccinated = verified().vaccinated();
        assertThat(vaccinated.status()).isEqualTo(RegistrationStatus.VACCINATED);
        assertThat(vaccinated.isVerified()).isTrue();
        assertThat(vaccinated.isInPool()).isFalse();
        assertThat(vaccinated.applicant()).as("kept until withdrawal or retention").isPresent();
        assertThat(vaccinated.vaccinated()).as("told twice").isSameAs(vaccinated);
        assertThatThrownBy(() -> vaccinated.changePreferences(new Preferences(List.of("kassel"), 40, Language.EN)))
                .isInstanceOf(AlreadyVaccinatedException.class);
        assertThatThrownBy(() -> vaccinated.issueCode("hash", NOW.plusSeconds(600), POLICY))
                .isInstanceOfSatisfying(CodeRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CodeRefusedException.Reason.ALREADY_VERIFIED));
    }

    @Test
    void onlyACandidateInThePoolCanBeVaccinatedOrMissAnAppointment() {
        Registration unverified = withCode("123456");
        assertThat(unverified.vaccinated()).isSameAs(unverified);
        assertThat(unverified.missedAppointment(NOW)).isSameAs(unverified);
        Registration withdrawn = verified().withdraw(NOW);
        assertThat(withdrawn.vaccinated()).isSameAs(withdrawn);
        assertThat(withdrawn.missedAppointment(NOW)).isSameAs(withdrawn);
    }

    @Test
    void aMissedAppointmentIsRememberedAndAnOlderOrRepeatedReportChangesNothing() {
        Registration missed = verified().missedAppointment(NOW.plusSeconds(3600));
        assertThat(missed.missedAppointmentAt()).contains(NOW.plusSeconds(3600));
        assertThat(missed.isInPool()).isTrue();
        assertThat(missed.missedAppointment(NOW.plusSeconds(3600))).isSameAs(missed);
        assertThat(missed.missedAppointment(NOW)).isSameAs(missed);
        assertThat(missed.missedAppointment(NOW.plusSeconds(7200)).missedAppointmentAt())
                .contains(NOW.plusSeconds(7200));
        assertThat(missed.withdraw(NOW.plusSeconds(9000)).missedAppointmentAt()).as("erased").isEmpty();
    }
}
