package de.nachruecker.registration.candidate.persistence;

import de.nachruecker.events.EventCodec;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.registration.candidate.application.DuplicateRegistrationException;
import de.nachruecker.registration.candidate.application.OutgoingEvent;
import de.nachruecker.registration.candidate.application.Registrations;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Language;
import de.nachruecker.registration.candidate.model.PhoneVerification;
import de.nachruecker.registration.candidate.model.Preferences;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.RegistrationStatus;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.persistence.BulkInserts;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

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
            "withdrawnAt", "verification", "missedAppointmentAt", "householdPlace",
            "phoneKind");

    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;
    private final EventCodec codec;
    private final int maxPersonsPerPhone;

    MongoRegistrations(MongoTemplate mongo, OutboxRelay outboxRelay, EventCodec codec,
                       RegistrationProperties properties) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
        this.codec = codec;
        this.maxPersonsPerPhone = properties.household().maxPersonsPerPhone();
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
        List<PendingEvent> outbox = pending(events);
        withHouseholdPlace(registration, placed -> {
            mongo.insert(toDocument(placed, accessTokenHash, placed.version(), outbox));
            return true;
        });
        // a new document's outbox holds exactly these events: no read of it before publishing
        outboxRelay.relayWrittenAsync(COLLECTION, Map.of(registration.candidateId(), outbox));
    }

    /**
     * Writes a registration that needs a place among the people on its phone at the first free one: each place is a
     * unique key, so concurrent registrations and verifications on one phone never share one, and there are never
     * more than the cap. Anything else is written as it is.
     */
    private boolean withHouseholdPlace(Registration registration, Function<Registration, Boolean> write) {
        if (!registration.needsHouseholdPlace()) {
            try {
                return write.apply(registration);
            } catch (DuplicateKeyException e) {
                throw duplicate(e);
            }
        }
        for (int place = 1; place <= maxPersonsPerPhone; place++) {
            try {
                return write.apply(registration.atHouseholdPlace(place));
            } catch (DuplicateKeyException e) {
                if (!String.valueOf(e.getMessage()).contains(PHONE_INDEX)) {
                    throw duplicate(e);
                }
            }
        }
        throw new DuplicateRegistrationException(DuplicateRegistrationException.Kind.HOUSEHOLD_FULL);
    }

    /**
     * Stores registrations that hold no household place with one unordered bulk insert, and hands each one's events
     * to the relay as written: a new document's outbox holds exactly them, so the relay need not read it back.
     */
    @Override
    @SuppressWarnings("try") // the scope only holds the correlation id while the events are encoded
    public List<Boolean> addAllUnplaced(List<Unplaced> added) {
        List<RegistrationDocument> documents = added.stream().map(one -> {
            if (one.registration().needsHouseholdPlace()) {
                throw new IllegalArgumentException("a registration that needs a household place is added alone");
            }
            try (CorrelationId.Scope scope = CorrelationId.open(one.correlationId())) {
                return toDocument(one.registration(), one.accessTokenHash(), one.registration().version(),
                        pending(one.events()));
            }
        }).toList();
        Set<Integer> clashes = BulkInserts.insertAll(mongo, RegistrationDocument.class, documents);
        Map<Object, List<PendingEvent>> written = new LinkedHashMap<>();
        List<Boolean> stored = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            boolean ok = !clashes.contains(i);
            stored.add(ok);
            if (ok) {
                written.put(documents.get(i).id(), documents.get(i).outbox());
            }
        }
        outboxRelay.relayWrittenAsync(COLLECTION, written);
        return stored;
    }

    /** {@link #householdPlacesTaken(String)} of several phones with one query. */
    @Override
    public Map<String, Integer> householdPlacesTaken(Collection<String> phones) {
        Map<String, String> phoneByKey = new HashMap<>();
        for (String phone : phones) {
            for (int place = 1; place <= maxPersonsPerPhone; place++) {
                phoneByKey.put(phoneKey(phone, place), phone);
            }
        }
        Map<String, Integer> taken = new HashMap<>();
        phones.forEach(phone -> taken.put(phone, 0));
        Query query = Query.query(Criteria.where("phoneKey").in(phoneByKey.keySet()));
        query.fields().include("phoneKey");
        mongo.find(query, Document.class, COLLECTION)
                .forEach(found -> taken.merge(phoneByKey.get(found.getString("phoneKey")), 1, Integer::sum));
        return taken;
    }

    /** {@link #personRegistered} of several people with one query: those of {@code identityKeys} registered. */
    @Override
    public Set<String> personsRegistered(Collection<String> identityKeys) {
        Query query = Query.query(Criteria.where("identityKey").in(identityKeys));
        query.fields().include("identityKey");
        Set<String> registered = new HashSet<>();
        mongo.find(query, Document.class, COLLECTION).forEach(found -> registered.add(found.getString("identityKey")));
        return registered;
    }

    /**
     * One query for the place keys (not {@code exists}, which counts through an aggregation the embedded server
     * answers with a scan); on MongoDB the unique index answers the {@code $in}.
     */
    @Override
    public int householdPlacesTaken(String phone) {
        List<String> keys = IntStream.rangeClosed(1, maxPersonsPerPhone).mapToObj(place -> phoneKey(phone, place))
                .toList();
        Query query = Query.query(Criteria.where("phoneKey").in(keys));
        query.fields().include("_id");
        return mongo.find(query, Document.class, COLLECTION).size();
    }

    @Override
    public boolean personRegistered(String identityKey) {
        Query query = Query.query(Criteria.where("identityKey").is(identityKey));
        query.fields().include("_id");
        return mongo.findOne(query, Document.class, COLLECTION) != null;
    }

    /** The first person keeps the bare number: documents stored before households hold exactly that key. */
    private static String phoneKey(String phone, int place) {
        return place == 1 ? phone : phone + "#" + place;
    }

    private static RuntimeException duplicate(DuplicateKeyException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains(PHONE_INDEX)) {
            return new DuplicateRegistrationException(DuplicateRegistrationException.Kind.HOUSEHOLD_FULL);
        }
        if (message.contains(PERSON_INDEX)) {
            return new DuplicateRegistrationException(DuplicateRegistrationException.Kind.PERSON);
        }
        // a clash of random token hashes or ids: not the citizen's doing
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
        return registeredBefore(cutoff, before -> before.and("status").ne(RegistrationStatus.WITHDRAWN), limit);
    }

    @Override
    public List<Registration> findUnverifiedRegisteredBefore(Instant cutoff, int limit) {
        return registeredBefore(cutoff, before -> before.and("status").is(RegistrationStatus.AWAITING_VERIFICATION),
                limit);
    }

    /** The oldest {@code limit} registrations made before {@code cutoff} that {@code status} adds its condition to. */
    private List<Registration> registeredBefore(Instant cutoff, UnaryOperator<Criteria> status, int limit) {
        return mongo.find(Query.query(status.apply(Criteria.where("registeredAt").lt(cutoff)))
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
        List<PendingEvent> outbox = events.isEmpty() ? List.of() : pending(events);
        boolean stored = withHouseholdPlace(next, placed -> updateAt(placed, outbox));
        if (stored && !events.isEmpty()) {
            outboxRelay.relayAsync(COLLECTION, next.candidateId());
        }
        return stored;
    }

    private boolean updateAt(Registration next, List<PendingEvent> outbox) {
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
        if (!outbox.isEmpty()) {
            update.push(OutboxRelay.FIELD).each(outbox.toArray());
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(next.candidateId())
                .and("version").is(next.version())), update, RegistrationDocument.class).getMatchedCount() == 1;
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
        // a registration holding no place (unverified, withdrawn) keeps no one out: placeholders unique to it
        String placeholder = (registration.isWithdrawn() ? "withdrawn:" : "unverified:") + registration.candidateId();
        int place = registration.householdPlace();
        Optional<Applicant> applicant = registration.applicant();
        Optional<Preferences> preferences = registration.preferences();
        return new RegistrationDocument(
                registration.candidateId(),
                accessTokenHash,
                place == 0 ? placeholder : phoneKey(applicant.orElseThrow().phone(), place),
                place == 0 ? placeholder : applicant.orElseThrow().identityKey(),
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
                        v.expiresAt(), v.attempts(), v.codesSent(), v.lastSentAt(), v.provedAt())).orElse(null),
                registration.missedAppointmentAt().orElse(null),
                place == 0 ? null : place,
                version,
                outbox,
                applicant.map(Applicant::phoneKind).orElse(null));
    }

    private static Registration toDomain(RegistrationDocument document) {
        Applicant applicant = document.name() == null ? null : new Applicant(document.name(),
                LocalDate.parse(document.birthDate()), document.phone(), document.email(), document.phoneKind());
        Preferences preferences = document.centreIds() == null ? null : new Preferences(document.centreIds(),
                document.maxTravelMinutes(), Language.fromCode(document.language()).orElse(Language.DE));
        RegistrationDocument.VerificationDocument v = document.verification();
        PhoneVerification verification = v == null ? null
                : new PhoneVerification(v.codeHash(), v.expiresAt(), v.attempts(), v.codesSent(), v.lastSentAt(),
                        v.provedAt());
        return Registration.restore(document.id(), applicant, document.priorityGroup(), preferences,
                document.registeredAt(), document.status(), document.withdrawnAt(), verification,
                document.missedAppointmentAt(), householdPlace(document), document.version());
    }

    /** Documents stored before households: a verified one holds the bare number, which is place 1. */
    private static int householdPlace(RegistrationDocument document) {
        if (document.householdPlace() != null) {
            return document.householdPlace();
        }
        return document.phone() != null && document.phone().equals(document.phoneKey()) ? 1 : 0;
    }
}
