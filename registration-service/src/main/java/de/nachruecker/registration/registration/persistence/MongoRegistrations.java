package de.nachruecker.registration.registration.persistence;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.registration.application.DuplicateRegistrationException;
import de.nachruecker.registration.registration.application.OutgoingEvent;
import de.nachruecker.registration.registration.application.Registrations;
import de.nachruecker.registration.registration.model.Applicant;
import de.nachruecker.registration.registration.model.Language;
import de.nachruecker.registration.registration.model.PhoneVerification;
import de.nachruecker.registration.registration.model.Preferences;
import de.nachruecker.registration.registration.model.Registration;
import de.nachruecker.registration.registration.model.RegistrationStatus;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Registrations in MongoDB, one document each, with their pending events in the same document. */
@Repository
class MongoRegistrations implements Registrations, InitializingBean {

    static final String COLLECTION = "registrations";
    static final String PHONE_INDEX = "registration_phone_unique";
    static final String PERSON_INDEX = "registration_person_unique";
    static final String TOKEN_INDEX = "registration_access_token_unique";

    /** Fields a change may set or remove; the id, the token hash and the outbox are written otherwise. */
    private static final List<String> MUTABLE_FIELDS = List.of("phoneKey", "identityKey", "name", "birthDate",
            "phone", "email", "language", "priorityGroup", "centreIds", "maxTravelMinutes", "registeredAt", "status",
            "withdrawnAt", "verification", "missedAppointmentAt");

    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;
    private final EventCodec codec;

    MongoRegistrations(MongoTemplate mongo, OutboxRelay outboxRelay, EventCodec codec) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
        this.codec = codec;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(unique("phoneKey", PHONE_INDEX));
        mongo.indexOps(COLLECTION).createIndex(unique("identityKey", PERSON_INDEX));
        mongo.indexOps(COLLECTION).createIndex(unique("accessTokenHash", TOKEN_INDEX));
    }

    private static Index unique(String field, String name) {
        return new Index().on(field, Sort.Direction.ASC).unique().named(name);
    }

    @Override
    public void add(Registration registration, String accessTokenHash, List<OutgoingEvent> events) {
        try {
            mongo.insert(toDocument(registration, accessTokenHash, registration.version(), pending(events)));
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        outboxRelay.relayAsync(COLLECTION, registration.candidateId());
    }

    private static RuntimeException duplicate(DuplicateKeyException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(PHONE_INDEX)) {
            return new DuplicateRegistrationException(DuplicateRegistrationException.Kind.PHONE);
        }
        if (message.contains(PERSON_INDEX)) {
            return new DuplicateRegistrationException(DuplicateRegistrationException.Kind.PERSON);
        }
        // a clash of 256-bit random token hashes or ids: not the citizen's doing
        return e;
    }

    @Override
    public Optional<Registration> findByAccessTokenHash(String accessTokenHash) {
        return Optional.ofNullable(mongo.findOne(
                        Query.query(Criteria.where("accessTokenHash").is(accessTokenHash)), RegistrationDocument.class))
                .map(MongoRegistrations::toDomain);
    }

    @Override
    public Optional<Registration> find(String candidateId) {
        return Optional.ofNullable(mongo.findById(candidateId, RegistrationDocument.class))
                .map(MongoRegistrations::toDomain);
    }

    @Override
    public List<Registration> findNotWithdrawnRegisteredBefore(Instant cutoff, int limit) {
        return mongo.find(Query.query(Criteria.where("registeredAt").lt(cutoff)
                                .and("status").ne(RegistrationStatus.WITHDRAWN))
                        .with(Sort.by("registeredAt")).limit(limit), RegistrationDocument.class).stream()
                .map(MongoRegistrations::toDomain).toList();
    }

    /** A scan (no index on these fields): measured fine for a status page at 100k registrations (~30 ms). */
    @Override
    public long countInPoolAhead(PriorityGroup group, Instant registeredAt, List<String> centreIds) {
        List<PriorityGroup> higher = Arrays.stream(PriorityGroup.values())
                .filter(other -> other.rank() < group.rank()).toList();
        return mongo.count(Query.query(Criteria.where("status").is(RegistrationStatus.ACTIVE)
                .and("centreIds").in(centreIds)
                .orOperator(Criteria.where("priorityGroup").in(higher),
                        Criteria.where("priorityGroup").is(group).and("registeredAt").lt(registeredAt))),
                RegistrationDocument.class);
    }

    @Override
    public boolean update(Registration next, List<OutgoingEvent> events) {
        Document fields = new Document();
        mongo.getConverter().write(toDocument(next, null, next.version() + 1, null), fields);
        Update update = new Update();
        for (String field : MUTABLE_FIELDS) {
            if (fields.containsKey(field)) {
                update.set(field, fields.get(field));
            } else {
                update.unset(field);
            }
        }
        update.inc("version", 1);
        if (!events.isEmpty()) {
            update.push(OutboxRelay.FIELD).each(pending(events).toArray());
        }
        try {
            boolean stored = mongo.updateFirst(Query.query(Criteria.where("_id").is(next.candidateId())
                    .and("version").is(next.version())), update, RegistrationDocument.class).getMatchedCount() == 1;
            if (stored && !events.isEmpty()) {
                outboxRelay.relayAsync(COLLECTION, next.candidateId());
            }
            return stored;
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
    }

    private List<PendingEvent> pending(List<OutgoingEvent> events) {
        return events.stream()
                .map(event -> event.isTombstone()
                        ? PendingEvent.tombstone(event.topic(), event.key(), event.eventId(), event.createdAt())
                        : PendingEvent.of(event.topic(), event.event(), codec))
                .toList();
    }

    private static RegistrationDocument toDocument(Registration registration, String accessTokenHash, long version,
                                                   List<PendingEvent> outbox) {
        String placeholder = "withdrawn:" + registration.candidateId();
        Optional<Applicant> applicant = registration.applicant();
        Optional<Preferences> preferences = registration.preferences();
        return new RegistrationDocument(
                registration.candidateId(),
                accessTokenHash,
                applicant.map(Applicant::phone).orElse(placeholder),
                applicant.map(Applicant::identityKey).orElse(placeholder),
                applicant.map(Applicant::name).orElse(null),
                applicant.map(a -> a.birthDate().toString()).orElse(null),
                applicant.map(Applicant::phone).orElse(null),
                applicant.map(Applicant::email).orElse(null),
                preferences.map(p -> p.language().code()).orElse(null),
                registration.priorityGroup().orElse(null),
                preferences.map(Preferences::centreIds).orElse(null),
                preferences.map(Preferences::maxTravelMinutes).orElse(null),
                registration.registeredAt(),
                registration.status(),
                registration.withdrawnAt().orElse(null),
                registration.verification().map(v -> new RegistrationDocument.VerificationDocument(v.codeHash(),
                        v.expiresAt(), v.attempts(), v.codesSent(), v.lastSentAt())).orElse(null),
                registration.missedAppointmentAt().orElse(null),
                version,
                outbox);
    }

    private static Registration toDomain(RegistrationDocument document) {
        Applicant applicant = document.name() == null ? null : new Applicant(document.name(),
                LocalDate.parse(document.birthDate()), document.phone(), document.email());
        Preferences preferences = document.centreIds() == null ? null : new Preferences(document.centreIds(),
                document.maxTravelMinutes(), Language.fromCode(document.language()).orElse(Language.DE));
        RegistrationDocument.VerificationDocument v = document.verification();
        PhoneVerification verification = v == null ? null
                : new PhoneVerification(v.codeHash(), v.expiresAt(), v.attempts(), v.codesSent(), v.lastSentAt());
        return Registration.restore(document.id(), applicant, document.priorityGroup(), preferences,
                document.registeredAt(), document.status(), document.withdrawnAt(), verification,
                document.missedAppointmentAt(), document.version());
    }
}
