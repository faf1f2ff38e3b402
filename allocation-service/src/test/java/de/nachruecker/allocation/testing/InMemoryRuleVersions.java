package de.nachruecker.allocation.testing;

import de.nachruecker.allocation.rules.application.RuleVersions;
import de.nachruecker.allocation.rules.model.RuleVersion;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RuleVersions} in memory: one version per number, as the store's id makes it. */
public class InMemoryRuleVersions implements RuleVersions {

    private final Map<Integer, RuleVersion> versions = new ConcurrentHashMap<>();

    @Override
    public boolean add(RuleVersion version) {
        return versions.putIfAbsent(version.rules().version(), version) == null;
    }

    @Override
    public List<RuleVersion> all() {
        return versions.values().stream().sorted(Comparator.comparingInt(version -> version.rules().version()))
                .toList();
    }
}
