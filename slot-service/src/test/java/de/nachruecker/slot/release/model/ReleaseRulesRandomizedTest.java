package de.nachruecker.slot.release.model;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules combined over random drafts: whatever is published satisfies every invariant, and whatever is rejected
 * breaks at least one of them. The seed is fixed and logged so a failure can be replayed.
 */
class ReleaseRulesRandomizedTest {

    private static final Logger log = LoggerFactory.getLogger(ReleaseRulesRandomizedTest.class);
    private static final long SEED = 20210503L;
    private static final Instant NOW = ReleaseRulesTest.NOW;
    private static final List<String> PRODUCTS = List.of("COMIRNATY", "SPIKEVAX", "VAXZEVRIA", "JANSSEN", "SPUTNIK");
    private static final List<String> CENTRES = List.of("korbach", "kassel", "atlantis");

    private final ReleaseRules rules = new ReleaseRules(ReleaseRulesTest.VACCINES_2021,
            Set.of("korbach", "kassel")::contains, 1000);

    @Test
    void everyBrokenRuleHasAPageTextInGermanAndEnglishNamingItsValues() throws IOException {
        Random random = new Random(SEED);
        Set<Violation> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            try {
                rules.publish("r-" + i, randomDraft(random), NOW);
            } catch (InvalidReleaseException e) {
                seen.addAll(e.violations());
            }
        }
        for (String language : List.of("", "_en")) {
            Properties texts = pageTexts("i18n/operator-pages" + language + ".properties");
            for (Violation violation : seen) {
                String text = texts.getProperty("rule." + violation.rule());
                assertThat(text).as("rule.%s in operator-pages%s", violation.rule(), language).isNotBlank();
                for (int n = 0; n < violation.arguments().size(); n++) {
                    assertThat(text).as("rule.%s names value %s", violation.rule(), n).contains("{" + n + "}");
                }
            }
        }
        assertThat(seen.stream().map(Violation::rule).distinct().count())
                .as("the generator reaches most rules").isGreaterThanOrEqualTo(10);
    }

    private static Properties pageTexts(String resource) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = ReleaseRulesRandomizedTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void publishedReleasesSatisfyEveryInvariantAndRejectedOnesBreakOne() {
        log.info("random seed {}", SEED);
        Random random = new Random(SEED);
        int published = 0;
        for (int i = 0; i < 5_000; i++) {
            ReleaseDraft draft = randomDraft(random);
            boolean valid = satisfiesInvariants(draft);
            try {
                Release release = rules.publish("r-" + i, draft, NOW);
                published++;
                assertThat(valid).as("published but breaks an invariant: %s (seed %s)", draft, SEED).isTrue();
                assertThat(release.usableUntil()).isAfter(NOW).isAfterOrEqualTo(draft.window().from());
            } catch (InvalidReleaseException e) {
                assertThat(valid).as("rejected %s although valid: %s (seed %s)", draft, e.violations(), SEED)
                        .isFalse();
                assertThat(e.violations()).isNotEmpty();
            }
        }
        assertThat(published).as("the generator must also produce valid drafts").isGreaterThan(100);
    }

    /** The rules restated independently, from the brief's list. */
    private static boolean satisfiesInvariants(ReleaseDraft draft) {
        if (!Set.of("korbach", "kassel").contains(draft.centreId()) || draft.product().equals("SPUTNIK")
                || draft.doseCount() < 1 || draft.doseCount() > 1000
                || !draft.window().from().isBefore(draft.window().to()) || !draft.window().to().isAfter(NOW)
                || (draft.usableUntil() == null) == (draft.vialOpenedAt() == null)) {
            return false;
        }
        Instant usableUntil = draft.usableUntil();
        if (usableUntil == null) {
            if (draft.vialOpenedAt().isAfter(NOW)) {
                return false;
            }
            usableUntil = draft.vialOpenedAt().plus(Duration.ofHours(draft.product().equals("JANSSEN") ? 2 : 6));
        }
        return usableUntil.isAfter(NOW) && !usableUntil.isBefore(draft.window().from());
    }

    private static ReleaseDraft randomDraft(Random random) {
        Instant from = minutesFromNow(random, -240, 480);
        Instant to = from.plus(Duration.ofMinutes(random.nextInt(300) - 30));
        Instant usableUntil = random.nextInt(3) > 0 ? minutesFromNow(random, -120, 600) : null;
        Instant vialOpenedAt = random.nextInt(3) > 0 ? minutesFromNow(random, -480, 30) : null;
        return new ReleaseDraft(CENTRES.get(random.nextInt(CENTRES.size())),
                PRODUCTS.get(random.nextInt(PRODUCTS.size())), random.nextInt(1100) - 50,
                new TimeWindow(from, to), usableUntil, vialOpenedAt);
    }

    private static Instant minutesFromNow(Random random, int min, int max) {
        return NOW.plus(Duration.ofMinutes(min + random.nextInt(max - min)));
    }
}
