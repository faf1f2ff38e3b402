package de.nachruecker.slot.release.model;

import de.nachruecker.slot.vaccine.model.Vaccine;
import de.nachruecker.slot.vaccine.model.VaccineCatalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a release must satisfy to be offered to candidates: a plausible dose count, a window that has not ended,
 * doses still usable when the window opens, a known centre and product. Reports every broken rule at once, by field.
 */
public final class ReleaseRules {

    private final VaccineCatalogue vaccines;
    private final Predicate<String> knownCentre;
    private final int maxDoseCount;

    /**
     * @param maxDoseCount above this a count is taken for a typing error: no centre frees that many doses at once
     */
    public ReleaseRules(VaccineCatalogue vaccines, Predicate<String> knownCentre, int maxDoseCount) {
        if (maxDoseCount < 1) {
            throw new IllegalArgumentException("the maximum dose count must be at least 1");
        }
        this.vaccines = vaccines;
        this.knownCentre = knownCentre;
        this.maxDoseCount = maxDoseCount;
    }

    /**
     * @return the published release, its usable-until derived from the vial clock where the operator gave that
     * @throws InvalidReleaseException listing every broken rule
     */
    public Release publish(String releaseId, ReleaseDraft draft, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (!knownCentre.test(draft.centreId())) {
            violations.add(new Violation("centreId", "centre.unknown", List.of(draft.centreId()),
                    "unknown centre '" + draft.centreId() + "'"));
        }
        Optional<Vaccine> vaccine = vaccines.find(draft.product());
        if (vaccine.isEmpty()) {
            violations.add(new Violation("product", "product.unknown", List.of(draft.product(),
                    String.join(", ", vaccines.products())),
                    "unknown product '" + draft.product() + "', known are " + vaccines.products()));
        }
        checkDoseCount(draft.doseCount(), 0, violations);
        checkWindow(draft.window(), now, violations);
        Instant usableUntil = null;
        if (draft.usableUntil() != null && draft.vialOpenedAt() != null) {
            violations.add(new Violation("usableUntil", "usable.both", List.of(),
                    "give either usableUntil or vialOpenedAt, not both"));
        } else if (draft.usableUntil() == null && draft.vialOpenedAt() == null) {
            violations.add(new Violation("usableUntil", "usable.missing", List.of(),
                    "give usableUntil or vialOpenedAt"));
        } else if (draft.usableUntil() != null) {
            usableUntil = draft.usableUntil();
            checkUsableUntil("usableUntil", usableUntil, draft.window(), now, violations);
        } else if (draft.vialOpenedAt().isAfter(now)) {
            violations.add(new Violation("vialOpenedAt", "vial.future", List.of(), "lies in the future"));
        } else if (vaccine.isPresent()) {
            usableUntil = vaccine.get().usableUntilAfterOpening(draft.vialOpenedAt());
            checkUsableUntil("vialOpenedAt", usableUntil, draft.window(), now, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidReleaseException(violations);
        }
        return Release.publish(releaseId, draft, usableUntil, now);
    }

    /**
     * @throws ReleaseNotOpenException if the release was withdrawn
     * @throws InvalidReleaseException listing every broken rule
     */
    public Release correct(Release release, ReleaseCorrection correction, Instant now) {
        release.requireOpen();
        List<Violation> violations = new ArrayList<>();
        if (correction.centreId() != null && !correction.centreId().equals(release.centreId())) {
            violations.add(new Violation("centreId", "unchangeable", List.of(),
                    "cannot change; withdraw and publish anew"));
        }
        if (correction.product() != null && !correction.product().equals(release.product())) {
            violations.add(new Violation("product", "unchangeable", List.of(),
                    "cannot change; withdraw and publish anew"));
        }
        checkDoseCount(correction.doseCount(), release.fill().dosesTaken(), violations);
        checkWindow(correction.window(), now, violations);
        checkUsableUntil("usableUntil", correction.usableUntil(), correction.window(), now, violations);
        if (!violations.isEmpty()) {
            throw new InvalidReleaseException(violations);
        }
        return release.correct(correction, now);
    }

    private void checkDoseCount(int doseCount, int taken, List<Violation> violations) {
        if (doseCount < 1) {
            violations.add(new Violation("doseCount", "doses.min", List.of(), "must be at least 1"));
        } else if (doseCount > maxDoseCount) {
            violations.add(new Violation("doseCount", "doses.max", List.of(maxDoseCount),
                    "must be at most " + maxDoseCount));
        } else if (doseCount < taken) {
            violations.add(new Violation("doseCount", "doses.below-taken", List.of(taken),
                    "cannot be lower than the " + taken + " doses already confirmed to candidates"));
        }
    }

    private static void checkWindow(TimeWindow window, Instant now, List<Violation> violations) {
        if (!window.from().isBefore(window.to())) {
            violations.add(new Violation("window.to", "window.order", List.of(), "must be after window.from"));
        } else if (!window.to().isAfter(now)) {
            violations.add(new Violation("window.to", "window.ended", List.of(), "the window has already ended"));
        }
    }

    /**
     * {@code field} is the request field the value came from, so a derived value is blamed on the vial clock
     * (rules {@code vial.*}) rather than on a usable-until the operator never typed ({@code usable.*}).
     */
    private static void checkUsableUntil(String field, Instant usableUntil, TimeWindow window, Instant now,
                                         List<Violation> violations) {
        boolean typed = field.equals("usableUntil");
        String what = typed ? "usable-until" : "the vial's in-use time, ending " + usableUntil + ",";
        String rule = typed ? "usable" : "vial";
        if (!usableUntil.isAfter(now)) {
            violations.add(new Violation(field, rule + ".past", List.of(usableUntil),
                    what + " lies in the past: the doses are no longer usable"));
        } else if (usableUntil.isBefore(window.from())) {
            violations.add(new Violation(field, rule + ".before-window", List.of(usableUntil, window.from()),
                    what + " ends before the window starts at " + window.from()));
        }
    }
}
