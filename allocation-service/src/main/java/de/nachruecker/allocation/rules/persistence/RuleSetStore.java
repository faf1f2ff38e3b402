package de.nachruecker.allocation.rules.persistence;

import de.nachruecker.allocation.rules.application.RuleVersions;
import de.nachruecker.allocation.rules.model.RuleVersion;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;

/** Rule set versions in MongoDB, one document each, keyed by the version number. */
@Component
public class RuleSetStore implements RuleVersions {

    private final MongoTemplate mongo;

    public RuleSetStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public boolean add(RuleVersion version) {
        try {
            mongo.insert(RuleSetDocument.of(version.rules(), version.changedBy(), version.changedAt(),
                    version.comment(), version.correction()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public List<RuleVersion> all() {
        return mongo.find(new Query().with(Sort.by("_id")), RuleSetDocument.class).stream()
                .map(document -> new RuleVersion(document.toRuleSet(), document.changedBy(), document.changedAt(),
                        document.comment(), document.correction()))
                .toList();
    }
}
