package de.nachruecker.allocation.rules.application;

import de.nachruecker.allocation.rules.model.GermanyRules2021;
import de.nachruecker.allocation.rules.model.RuleBook;
import de.nachruecker.allocation.rules.model.RuleChange;
import de.nachruecker.allocation.rules.model.RuleSet;
import de.nachruecker.allocation.rules.model.RuleVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The rule book: dated versions in MongoDB (the 2021 defaults are seeded once), cached in memory and re-read
 * periodically so that a change made through another instance takes effect everywhere.
 */
@Service
public class KeepingRules {

    private static final Logger log = LoggerFactory.getLogger(KeepingRules.class);

    private final RuleVersions versions;
    private final Clock clock;
    private volatile RuleBook book;

    public KeepingRules(RuleVersions versions, Clock clock) {
        this.versions = versions;
        this.clock = clock;
        for (RuleSet defaults : GermanyRules2021.ruleBook().versions()) {
            // false if another instance or an earlier start seeded it
            versions.add(new RuleVersion(defaults, "defaults", clock.instant(), "Germany 2021 defaults", false));
        }
        refresh();
    }

    public RuleSet inForce() {
        return book.inForceAt(clock.instant());
    }

    public RuleBook book() {
        return book;
    }

    public List<RuleVersion> history() {
        return versions.all();
    }

    /**
     * What {@code change} would make, and how it differs from the rules in force now; nothing is stored.
     *
     * @throws RuleChange.InvalidRuleChangeException if the change breaks the rules for rules
     */
    public Preview preview(RuleChange change) {
        Instant now = clock.instant();
        RuleSet proposed = change.applyTo(book, now);
        RuleSet inForce = book.inForceAt(now);
        return new Preview(inForce, proposed, RuleChange.differences(inForce, proposed));
    }

    /** A change not applied: the rules in force, the version the change would add, and their differences. */
    public record Preview(RuleSet inForce, RuleSet proposed, List<RuleChange.Difference> differences) {
    }

    /**
     * Adds a new version (the old ones stay, for the audit trail and for explaining past offers). Its number is
     * {@code book().nextVersion()}; the id's uniqueness rejects a concurrent change that took it.
     *
     * @throws RuleChange.InvalidRuleChangeException if the change breaks the rules for rules
     * @throws ConcurrentRuleChangeException         if another change took the same version number
     */
    public RuleVersion change(RuleChange change, String changedBy, String comment) {
        Instant now = clock.instant();
        RuleSet next = change.applyTo(book, now);
        boolean correction = next.validFrom().isBefore(now.minus(RuleChange.CLOCK_TOLERANCE));
        RuleVersion version = new RuleVersion(next, changedBy, now, comment, correction);
        if (!versions.add(version)) {
            refresh();
            throw new ConcurrentRuleChangeException(next.version());
        }
        if (correction) {
            // a rewrite of the record: who and when are in the document, the comment says why
            log.warn("rule set version {} valid from {} (in the past) added as a correction by {}", next.version(),
                    next.validFrom(), changedBy);
        } else {
            log.info("rule set version {} valid from {} added by ops", next.version(), next.validFrom());
        }
        refresh();
        return version;
    }

    @Scheduled(fixedDelayString = "${nachruecker.allocation.rules-refresh:30s}")
    public void refresh() {
        book = new RuleBook(history().stream().map(RuleVersion::rules).toList());
    }

    public static final class ConcurrentRuleChangeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ConcurrentRuleChangeException(int version) {
            super("rule set version " + version + " was added concurrently; read the rules again and retry");
        }
    }
}
