package de.nachruecker.registration.candidate.model;

import de.nachruecker.events.candidate.PriorityGroup;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of waiting, requesting codes and entering right or wrong codes, against the rules of phone
 * verification combined: a wrong code never verifies, the right one verifies exactly when it is current, in time and
 * not used up, limits are never exceeded and verification is never lost.
 */
class PhoneVerificationRandomizedTest {

    private static final Logger log = LoggerFactory.getLogger(PhoneVerificationRandomizedTest.class);
    private static final long SEED = 20210503L;
    private static final VerificationPolicy POLICY =
            new VerificationPolicy(Duration.ofMinutes(15), 5, 5, Duration.ofSeconds(60));

    @Test
    void verificationFollowsItsRulesInEverySequence() {
        log.info("seed {}", SEED);
        Random random = new Random(SEED);
        for (int run = 0; run < 500; run++) {
            Instant now = Instant.parse("2021-05-03T08:00:00Z");
            String code = "%06d".formatted(random.nextInt(1_000_000));
            Registration registration = Registration.register("c-" + run,
                            new Applicant("Erika Mustermann", LocalDate.of(1950, 4, 1), "+4915123456789", null),
                            PriorityGroup.GENERAL, new Preferences(List.of("korbach"), 30, Language.DE), now)
                    .issueCode(VerificationCode.hashOf("c-" + run, code), now, POLICY);
            Instant codeSentAt = now;
            int wrongEntries = 0;
            for (int step = 0; step < 40; step++) {
                String context = "seed " + SEED + ", run " + run + ", step " + step;
                boolean wasVerified = registration.isVerified();
                switch (random.nextInt(4)) {
                    case 0 -> now = now.plusSeconds(random.nextInt(20 * 60));
                    case 1 -> {
                        String next = "%06d".formatted(random.nextInt(1_000_000));
                        try {
                            registration = registration.issueCode(
                                    VerificationCode.hashOf(registration.candidateId(), next), now, POLICY);
                            code = next;
                            codeSentAt = now;
                            wrongEntries = 0;
                        } catch (CodeRefusedException e) {
                            assertThat(wasVerified || registration.verification().orElseThrow().codesSent()
                                    == POLICY.maxCodes() || now.isBefore(codeSentAt.plus(POLICY.resendInterval())))
                                    .as(context).isTrue();
                        }
                    }
                    case 2 -> {
                        VerificationAttempt attempt = registration.enterCode(code, now, POLICY);
                        boolean usable = !wasVerified && wrongEntries < POLICY.maxAttempts()
                                && !now.isAfter(codeSentAt.plus(POLICY.codeValidity()));
                        assertThat(attempt.outcome() == VerificationAttempt.Outcome.VERIFIED).as(context)
                                .isEqualTo(usable);
                        if (attempt.next() != null) {
                            registration = attempt.next();
                        }
                    }
                    default -> {
                        String wrong = "%06d".formatted((Integer.parseInt(code) + 1 + random.nextInt(999_998))
                                % 1_000_000);
                        VerificationAttempt attempt = registration.enterCode(wrong, now, POLICY);
                        assertThat(attempt.outcome()).as(context).isNotEqualTo(VerificationAttempt.Outcome.VERIFIED);
                        if (attempt.outcome() == VerificationAttempt.Outcome.WRONG_CODE) {
                            wrongEntries++;
                            registration = attempt.next();
                        }
                    }
                }
                PhoneVerification state = registration.verification().orElseThrow();
                assertThat(state.codesSent()).as(context).isBetween(1, POLICY.maxCodes());
                assertThat(state.attempts()).as(context).isBetween(0, POLICY.maxAttempts());
                if (wasVerified) {
                    assertThat(registration.isVerified()).as(context).isTrue();
                }
            }
        }
    }
}
