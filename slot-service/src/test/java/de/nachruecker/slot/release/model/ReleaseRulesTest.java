package de.nachruecker.slot.release.model;

import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ReleaseRulesTest {

    static final Instant NOW = Instant.parse("2021-05-03T12:00:00Z");
    static final VaccineCatalogue VACCINES_2021 = new VaccineCatalogue(List.of(
            new Vaccine("COMIRNATY", "Comirnaty", 6, Duration.ofHours(6), 16, null, "EU 2020"),
            new Vaccine("SPIKEVAX", "Spikevax", 10, Duration.ofHours(6), 18, null, "EU 2021"),
            new Vaccine("VAXZEVRIA", "Vaxzevria", 10, Duration.ofHours(6), 60, null, "STIKO 31 Mar 2021"),
            new Vaccine("JANSSEN", "Janssen", 5, Duration.ofHours(2), 60, null, "STIKO 10 May 2021")));

    final ReleaseRules rules = new ReleaseRules(VACCINES_2021, Set.of("korbach", "kassel")::contains, 1000);

    static TimeWindow window(String from, String to) {
        return new TimeWindow(Instant.parse(from), Instant.parse(to));
    }

    static final TimeWindow AFTERNOON = window("2021-05-03T13:00:00Z", "2021-05-03T15:00:00Z");

    static ReleaseDraft draft(int doseCount, TimeWindow window, Instant usableUntil, Instant vialOpenedAt) {
        return new ReleaseDraft("korbach", "COMIRNATY", doseCount, window, usableUntil, vialOpenedAt);
    }

    @Test
    void publishesAValidReleaseAsGiven() {
        Instant usableUntil = Instant.parse("2021-05-03T16:00:00Z");

        Release release = rules.publish("r-1", draft(5, AFTERNOON, usableUntil, null), NOW);

        assertThat(release.status()).isEqualTo(ReleaseStatus.PUBLISHED);
        assertThat(release.usableUntil()).isEqualTo(usableUntil);
        assertThat(release.publishedAt()).isEqualTo(NOW);
        assertThat(release.fill()).isEqualTo(Fill.NONE);
        assertThat(release.version()).isZero();
    }

    @ParameterizedTest(name = "{0}: vial opened {1} -> usable until {2}")
    @CsvSource({
            "COMIRNATY, 2021-05-03T11:00:00Z, 2021-05-03T17:00:00Z",
            "SPIKEVAX,  2021-05-03T11:00:00Z, 2021-05-03T17:00:00Z",
            "VAXZEVRIA, 2021-05-03T11:00:00Z, 2021-05-03T17:00:00Z",
            "JANSSEN,   2021-05-03T11:30:00Z, 2021-05-03T13:30:00Z"})
    void derivesUsableUntilFromTheVialClockOfTheProduct(String product, Instant vialOpenedAt, Instant expected) {
        Release release = rules.publish("r-1",
                new ReleaseDraft("korbach", product, 3, AFTERNOON, null, vialOpenedAt), NOW);

        assertThat(release.usableUntil()).isEqualTo(expected);
        assertThat(release.vialOpenedAt()).isEqualTo(vialOpenedAt);
    }

    @Test
    void rejectsDoseCountsThatAreNotPositiveOrAbsurdlyLarge() {
        Instant usableUntil = Instant.parse("2021-05-03T16:00:00Z");
        assertViolations(draft(0, AFTERNOON, usableUntil, null), "doseCount", "must be at least 1");
        assertViolations(draft(-3, AFTERNOON, usableUntil, null), "doseCount", "must be at least 1");
        assertViolations(draft(1001, AFTERNOON, usableUntil, null), "doseCount", "must be at most 1000");
        assertThat(rules.publish("r", draft(1000, AFTERNOON, usableUntil, null), NOW).doseCount()).isEqualTo(1000);
    }

    @Test
    void rejectsWindowsThatEndedOrAreEmpty() {
        Instant usableUntil = Instant.parse("2021-05-03T16:00:00Z");
        assertViolations(draft(2, window("2021-05-03T09:00:00Z", "2021-05-03T12:00:00Z"), usableUntil, null),
                "window.to", "already ended");
        assertViolations(draft(2, window("2021-05-03T14:00:00Z", "2021-05-03T14:00:00Z"), usableUntil, null),
                "window.to", "must be after window.from");
        assertViolations(draft(2, window("2021-05-03T15:00:00Z", "2021-05-03T14:00:00Z"), usableUntil, null),
                "window.to", "must be after window.from");
    }

    @Test
    void acceptsAWindowThatHasStartedButNotEnded() {
        TimeWindow running = window("2021-05-03T11:00:00Z", "2021-05-03T13:00:00Z");
        assertThat(rules.publish("r", draft(2, running, Instant.parse("2021-05-03T14:00:00Z"), null), NOW).window())
                .isEqualTo(running);
    }

    @Test
    void rejectsUsableUntilInThePastOrBeforeTheWindow() {
        assertViolations(draft(2, AFTERNOON, Instant.parse("2021-05-03T11:59:00Z"), null),
                "usableUntil", "lies in the past");
        assertViolations(draft(2, AFTERNOON, Instant.parse("2021-05-03T12:30:00Z"), null),
                "usableUntil", "before the window starts");
    }

    @Test
    void rejectsAVialClockThatEndsBeforeTheWindowOrHasRunOut() {
        TimeWindow evening = window("2021-05-03T18:00:00Z", "2021-05-03T19:00:00Z");
        assertViolations(draft(2, evening, null, Instant.parse("2021-05-03T11:00:00Z")),
                "vialOpenedAt", "before the window starts");
        assertViolations(draft(2, AFTERNOON, null, Instant.parse("2021-05-03T05:00:00Z")),
                "vialOpenedAt", "lies in the past");
        assertViolations(draft(2, AFTERNOON, null, Instant.parse("2021-05-03T12:01:00Z")),
                "vialOpenedAt", "in the future");
    }

    @Test
    void wantsExactlyOneOfUsableUntilAndVialOpenedAt() {
        assertViolations(draft(2, AFTERNOON, null, null), "usableUntil", "give usableUntil or vialOpenedAt");
        assertViolations(draft(2, AFTERNOON, Instant.parse("2021-05-03T16:00:00Z"),
                Instant.parse("2021-05-03T11:00:00Z")), "usableUntil", "not both");
    }

    @Test
    void rejectsUnknownCentreAndProductAndReportsEveryViolationAtOnce() {
        ReleaseDraft bad = new ReleaseDraft("atlantis", "SPUTNIK", 0, AFTERNOON, null, null);

        assertThatThrownBy(() -> rules.publish("r", bad, NOW))
                .isInstanceOfSatisfying(InvalidReleaseException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("centreId", "product", "doseCount", "usableUntil"));
    }

    @Test
    void correctsAPublishedReleaseAndForgetsTheVialClock() {
        Release published = rules.publish("r-1", draft(5, AFTERNOON, null, Instant.parse("2021-05-03T11:00:00Z")),
                NOW);
        Instant later = NOW.plusSeconds(60);
        TimeWindow shorter = window("2021-05-03T13:00:00Z", "2021-05-03T14:00:00Z");

        Release corrected = rules.correct(published,
                new ReleaseCorrection(4, shorter, Instant.parse("2021-05-03T16:30:00Z")), later);

        assertThat(corrected).extracting(Release::id, Release::centreId, Release::product, Release::doseCount,
                        Release::window, Release::usableUntil, Release::vialOpenedAt, Release::publishedAt,
                        Release::updatedAt, Release::version)
                .containsExactly("r-1", "korbach", "COMIRNATY", 4, shorter, Instant.parse("2021-05-03T16:30:00Z"),
                        null, NOW, later, 1L);
    }

    /** The allocation service opens a filled release again for doses added, and only then. */
    @Test
    void raisingTheDoseCountOfAFilledReleaseEndsItsFill() {
        Instant usableUntil = Instant.parse("2021-05-03T16:00:00Z");
        Fill filled = new Fill(3, 0, 1, 0, true, 0, 0, List.of(Appointment.confirmed("offer-a", "cand-a", AFTERNOON, "REF-offer-a"),
                Appointment.confirmed("offer-b", "cand-b", AFTERNOON, "REF-offer-b")));
        Release release = new Release("r-1", "korbach", "COMIRNATY", 2, AFTERNOON, usableUntil, null,
                ReleaseStatus.PUBLISHED, NOW, NOW, null, filled, 0);

        Release shorter = rules.correct(release, new ReleaseCorrection(2,
                window("2021-05-03T13:00:00Z", "2021-05-03T14:00:00Z"), usableUntil), NOW);
        Release raised = rules.correct(shorter, new ReleaseCorrection(3, AFTERNOON, usableUntil), NOW);

        assertThat(shorter.fill()).isEqualTo(filled);
        assertThat(raised.fill().filled()).isFalse();
        assertThat(raised.fill()).usingRecursiveComparison().ignoringFields("filled").isEqualTo(filled);
    }

    @Test
    void correctionFollowsTheSameRules() {
        Release published = rules.publish("r-1", draft(5, AFTERNOON, Instant.parse("2021-05-03T16:00:00Z"), null),
                NOW);

        assertThatThrownBy(() -> rules.correct(published, new ReleaseCorrection(1001,
                window("2021-05-03T10:00:00Z", "2021-05-03T11:00:00Z"), Instant.parse("2021-05-03T11:00:00Z")), NOW))
                .isInstanceOfSatisfying(InvalidReleaseException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("doseCount", "window.to", "usableUntil"));
    }

    @Test
    void aCorrectionCannotMoveTheReleaseToAnotherCentreOrProduct() {
        Release published = rules.publish("r-1", draft(5, AFTERNOON, Instant.parse("2021-05-03T16:00:00Z"), null),
                NOW);
        Instant usableUntil = Instant.parse("2021-05-03T16:00:00Z");

        assertThatThrownBy(() -> rules.correct(published,
                new ReleaseCorrection("kassel", "SPIKEVAX", 5, AFTERNOON, usableUntil), NOW))
                .isInstanceOfSatisfying(InvalidReleaseException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("centreId", "product"));
        assertThat(rules.correct(published, new ReleaseCorrection("korbach", "COMIRNATY", 4, AFTERNOON,
                usableUntil), NOW).doseCount()).isEqualTo(4);
    }

    @Test
    void aWithdrawnReleaseCanNeitherBeCorrectedNorWithdrawnAgain() {
        Release withdrawn = rules.publish("r-1", draft(5, AFTERNOON, Instant.parse("2021-05-03T16:00:00Z"), null),
                NOW).withdraw("vial dropped", NOW);

        assertThat(withdrawn).extracting(Release::status, Release::withdrawalReason, Release::version)
                .containsExactly(ReleaseStatus.WITHDRAWN, "vial dropped", 1L);
        assertThatThrownBy(() -> rules.correct(withdrawn, new ReleaseCorrection(4, AFTERNOON,
                Instant.parse("2021-05-03T16:00:00Z")), NOW)).isInstanceOf(ReleaseNotOpenException.class);
        assertThatThrownBy(() -> withdrawn.withdraw("again", NOW)).isInstanceOf(ReleaseNotOpenException.class);
    }

    private void assertViolations(ReleaseDraft draft, String field, String messagePart) {
        assertThatThrownBy(() -> rules.publish("r", draft, NOW))
                .isInstanceOfSatisfying(InvalidReleaseException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly(field);
                    assertThat(e.violations().get(0).message()).contains(messagePart);
                });
    }

    @Test
    void violationsNameTheFieldAndSayWhy() {
        assertThatThrownBy(() -> rules.publish("r", draft(0, AFTERNOON, Instant.parse("2021-05-03T16:00:00Z"),
                null), NOW))
                .isInstanceOfSatisfying(InvalidReleaseException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::message)
                        .containsExactly(tuple("doseCount", "must be at least 1")));
    }
}
