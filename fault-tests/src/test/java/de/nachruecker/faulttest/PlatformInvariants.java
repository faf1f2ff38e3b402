package de.nachruecker.faulttest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.offer.AnswerTokenHash;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferMade;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The invariants, checked after the faults from outside the services: in their MongoDB databases
 * (allocation's releases, offers and candidates, slot's releases, registration's offers) and on the topics (the
 * allocation's {@code offers} events and every dead-letter topic, read with a plain consumer).
 */
final class PlatformInvariants {

    private static final Set<String> FINAL_RELEASE = Set.of("FILLED", "EXPIRED", "WITHDRAWN");
    private static final Set<String> FINAL_CITIZEN_OFFER = Set.of("CONFIRMED", "TAKEN", "DECLINED", "EXPIRED");

    private final String mongoUri;
    private final TopicReader topics;
    private final EventCodec codec = new EventCodec();
    private final List<String> violations = new ArrayList<>();
    /** Releases and offers not final at the end: the platform did not come to rest (liveness, not safety). */
    private final List<String> unfinished = new ArrayList<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();

    PlatformInvariants(String mongoUri, String bootstrapServers) {
        this.mongoUri = mongoUri;
        this.topics = new TopicReader(bootstrapServers);
    }

    /** True once every release is final and no offer or answer waits: the platform has come to rest. */
    boolean quiescent(Collection<String> publishedReleaseIds) {
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase allocation = mongo.getDatabase(FaultPlatform.ALLOCATION);
            Map<String, Document> releases = byId(allocation.getCollection("releases").find());
            boolean releasesFinal = publishedReleaseIds.stream().map(releases::get)
                    .allMatch(r -> r != null && FINAL_RELEASE.contains(r.getString("status")));
            boolean offersDecided = allocation.getCollection("offers").countDocuments(new Document("status", "MADE"))
                    == 0;
            boolean answersDecided = mongo.getDatabase(FaultPlatform.REGISTRATION).getCollection("offers")
                    .countDocuments(new Document("state", new Document("$in", List.of("OPEN", "ANSWERED")))) == 0;
            return releasesFinal && offersDecided && answersDecided;
        }
    }

    void check(Collection<String> publishedReleaseIds, Collection<String> candidateIds) {
        Map<String, List<ConsumerRecord<String, byte[]>>> deadLetters = Topics.eventTopics().stream()
                .map(t -> Topics.deadLettersOf(t.name()))
                .collect(Collectors.toMap(Function.identity(), topics::readAll));
        deadLetters.forEach((topic, records) -> counts.put("dead letters " + topic, records.size()));
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoDatabase allocation = mongo.getDatabase(FaultPlatform.ALLOCATION);
            Map<String, Document> releases = byId(allocation.getCollection("releases").find());
            List<Document> offers = allocation.getCollection("offers").find().into(new ArrayList<>());
            checkDosesConfirmedOnce(releases, offers);
            checkCandidatesConfirmedOnce(offers);
            List<Document> candidates = allocation.getCollection("candidates").find().into(new ArrayList<>());
            checkReleasesFinalAndAccounted(publishedReleaseIds, releases, candidates, deadLetters);
            checkInputsProcessed(mongo, candidateIds, offers, deadLetters);
            checkOffersTopic(releases, offers, allocation);
        }
    }

    /**
     * What the platform acknowledged is still in its databases, though the database server was killed with -9 under
     * load and restarted on its file: each registration answered 201 (found with its access token), each release
     * answered 201 (in slot-service's store), each answer answered 200 (the offer its token belongs to records an
     * answer), and each offer made (the {@code OfferMade} on the topic was published from allocation's stored offer,
     * checked in {@link #checkOffersTopic}).
     */
    void checkAcknowledgedKept(Collection<String> publishedReleaseIds, List<String> lostRegistrations,
                               int registrationsAcknowledged, Set<String> answerTokensAcknowledged) {
        counts.put("registrations acknowledged (201) during the faults", registrationsAcknowledged);
        if (registrationsAcknowledged == 0) {
            violations.add("no registration was acknowledged during the faults: nothing shows they are kept");
        }
        violations.addAll(lostRegistrations);
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            Set<String> slotReleases = mongo.getDatabase(FaultPlatform.SLOT).getCollection("releases").find()
                    .map(d -> d.getString("_id")).into(new HashSet<>());
            publishedReleaseIds.stream().filter(id -> !slotReleases.contains(id)).forEach(id ->
                    violations.add("release " + id + " was acknowledged (201) but is gone from slot-service"));
            // registration-service stores the token's hash only
            Set<String> answeredHashes = mongo.getDatabase(FaultPlatform.REGISTRATION).getCollection("offers")
                    .find(new Document("answeredAt", new Document("$ne", null)))
                    .map(d -> d.getString("tokenHash")).into(new HashSet<>());
            counts.put("answers acknowledged (200)", answerTokensAcknowledged.size());
            long lost = answerTokensAcknowledged.stream().filter(t -> !answeredHashes.contains(AnswerTokenHash.of(t))).count();
            if (lost > 0) {
                violations.add(lost + " of " + answerTokensAcknowledged.size() + " answers acknowledged (200) are "
                        + "not recorded on their offer in registration-service");
            }
        }
    }

    /** Per release, never more confirmed offers than doses, and the release's own count agrees. */
    private void checkDosesConfirmedOnce(Map<String, Document> releases, List<Document> offers) {
        Map<String, Long> confirmedPerRelease = offers.stream().filter(o -> "CONFIRMED".equals(o.getString("status")))
                .collect(Collectors.groupingBy(o -> o.getString("releaseId"), Collectors.counting()));
        counts.put("offers made", offers.size());
        counts.put("offers by status", offers.stream()
                .collect(Collectors.groupingBy(o -> o.getString("status"), Collectors.counting())));
        counts.put("confirmations", confirmedPerRelease.values().stream().mapToLong(Long::longValue).sum());
        confirmedPerRelease.forEach((releaseId, confirmed) -> {
            Document release = releases.get(releaseId);
            if (release == null) {
                violations.add("confirmed offers for unknown release " + releaseId);
                return;
            }
            int doses = release.getInteger("doseCount");
            if (confirmed > doses) {
                violations.add("release " + releaseId + ": " + confirmed + " confirmations for " + doses + " doses");
            }
            if (confirmed.intValue() != release.getInteger("confirmed")) {
                violations.add("release " + releaseId + ": " + confirmed + " confirmed offers, release counts "
                        + release.getInteger("confirmed"));
            }
        });
    }

    private void checkCandidatesConfirmedOnce(List<Document> offers) {
        offers.stream().filter(o -> "CONFIRMED".equals(o.getString("status")))
                .collect(Collectors.groupingBy(o -> o.getString("candidateId"), Collectors.counting()))
                .forEach((candidateId, confirmed) -> {
                    if (confirmed > 1) {
                        violations.add("candidate " + candidateId + " confirmed " + confirmed + " times");
                    }
                });
    }

    /**
     * Candidates of the release's centre who hold no offer or appointment and were not offered this release: zero
     * says the release waits for the pool, not for the platform (before the priority-group and age rules).
     */
    private static long stillOfferable(Document release, List<Document> candidates) {
        Set<String> offered = new HashSet<>(release.getList("offeredCandidateIds", String.class, List.of()));
        String centre = release.getString("centreId");
        return candidates.stream()
                .filter(c -> c.getList("centreIds", String.class, List.of()).contains(centre))
                .filter(c -> c.getString("claim") == null && !offered.contains(c.getString("_id")))
                .count();
    }

    /** Every published release reached allocation (or is dead-lettered), is final, and every dose is accounted for. */
    private void checkReleasesFinalAndAccounted(Collection<String> published, Map<String, Document> releases,
                                                List<Document> candidates,
                                                Map<String, List<ConsumerRecord<String, byte[]>>> deadLetters) {
        counts.put("releases published", published.size());
        counts.put("releases by status", releases.values().stream()
                .collect(Collectors.groupingBy(r -> r.getString("status"), Collectors.counting())));
        counts.put("doses", releases.values().stream().mapToInt(r -> r.getInteger("doseCount")).sum());
        for (String releaseId : published) {
            Document release = releases.get(releaseId);
            if (release == null) {
                if (!mentions(deadLetters.get(Topics.deadLettersOf(Topics.DOSE_RELEASES.name())), releaseId)) {
                    violations.add("release " + releaseId + " neither reached allocation nor was dead-lettered");
                }
                continue;
            }
            String status = release.getString("status");
            int doses = release.getInteger("doseCount");
            int confirmed = release.getInteger("confirmed");
            int left = release.getInteger("dosesLeft");
            if (!FINAL_RELEASE.contains(status)) {
                unfinished.add("release " + releaseId + " is " + status + " (" + confirmed + "/" + doses
                        + " confirmed, " + left + " left) at " + release.getString("centreId") + ", "
                        + stillOfferable(release, candidates) + " candidates there free and not yet offered it");
            } else if ("FILLED".equals(status) ? confirmed != doses : confirmed + left != doses) {
                violations.add("release " + releaseId + " " + status + ": " + confirmed + " confirmed + " + left
                        + " left != " + doses + " doses");
            }
            List<String> granted = release.getList("grantedOfferIds", String.class, List.of());
            if (new HashSet<>(granted).size() != granted.size() || granted.size() != confirmed) {
                violations.add("release " + releaseId + ": granted offers " + granted + " vs " + confirmed
                        + " confirmed");
            }
        }
    }

    /**
     * Every input event was processed or dead-lettered: each seeded candidate is in the pool, each answer a citizen
     * gave was decided, each offer made reached the citizen's door (registration's offers).
     */
    private void checkInputsProcessed(MongoClient mongo, Collection<String> candidateIds, List<Document> offers,
                                      Map<String, List<ConsumerRecord<String, byte[]>>> deadLetters) {
        Set<String> pooled = mongo.getDatabase(FaultPlatform.ALLOCATION).getCollection("candidates")
                .find(new Document("verified", true)).map(d -> d.getString("_id")).into(new HashSet<>());
        List<ConsumerRecord<String, byte[]>> candidateDeadLetters =
                deadLetters.get(Topics.deadLettersOf(Topics.CANDIDATES.name()));
        long lost = candidateIds.stream().filter(id -> !pooled.contains(id) && !mentions(candidateDeadLetters, id))
                .count();
        counts.put("candidates seeded", candidateIds.size());
        if (lost > 0) {
            violations.add(lost + " seeded candidates neither in allocation's pool nor dead-lettered");
        }
        List<Document> citizenOffers = mongo.getDatabase(FaultPlatform.REGISTRATION).getCollection("offers").find()
                .into(new ArrayList<>());
        counts.put("citizen offers by state", citizenOffers.stream()
                .collect(Collectors.groupingBy(o -> o.getString("state"), Collectors.counting())));
        List<ConsumerRecord<String, byte[]>> offerDeadLetters =
                deadLetters.get(Topics.deadLettersOf(Topics.OFFERS.name()));
        List<ConsumerRecord<String, byte[]>> answerDeadLetters =
                deadLetters.get(Topics.deadLettersOf(Topics.OFFER_ANSWERS.name()));
        Set<String> atTheDoor = citizenOffers.stream().map(o -> o.getString("_id")).collect(Collectors.toSet());
        offers.stream().map(o -> o.getString("_id"))
                .filter(id -> !atTheDoor.contains(id) && !mentions(offerDeadLetters, id))
                .forEach(id -> violations.add("offer " + id + " never reached registration-service"));
        citizenOffers.stream().filter(o -> !FINAL_CITIZEN_OFFER.contains(o.getString("state")))
                .filter(o -> !mentions(answerDeadLetters, o.getString("_id")))
                .forEach(o -> unfinished.add("citizen's offer " + o.getString("_id") + " still "
                        + o.getString("state")));
        offers.stream().filter(o -> "MADE".equals(o.getString("status")))
                .forEach(o -> unfinished.add("offer " + o.getString("_id") + " still open at the end"));
    }

    /**
     * The topic tells the same story: per release no more distinct confirmed offers than doses, per candidate one;
     * and every offer made is in allocation's store (the event was published from it).
     */
    private void checkOffersTopic(Map<String, Document> releases, List<Document> offers, MongoDatabase allocation) {
        Set<String> storedOffers = offers.stream().map(o -> o.getString("_id")).collect(Collectors.toSet());
        Set<String> notStored = new HashSet<>();
        Map<String, Set<String>> confirmedOffersPerRelease = new HashMap<>();
        Map<String, Set<String>> confirmedOffersPerCandidate = new HashMap<>();
        int made = 0;
        for (ConsumerRecord<String, byte[]> record : topics.readAll(Topics.OFFERS.name())) {
            OfferEvent event = codec.decode(record.value(), OfferEvent.class);
            if (event instanceof OfferConfirmed confirmed) {
                confirmedOffersPerRelease.computeIfAbsent(confirmed.releaseId(), r -> new HashSet<>())
                        .add(confirmed.offerId());
                confirmedOffersPerCandidate.computeIfAbsent(confirmed.candidateId(), c -> new HashSet<>())
                        .add(confirmed.offerId());
            } else if (event instanceof OfferMade offerMade) {
                made++;
                if (!storedOffers.contains(offerMade.offerId())) {
                    notStored.add(offerMade.offerId());
                }
            }
        }
        // made after the store was read (a platform not at rest still makes offers): asked again, now that the
        // topic was read, each must be there
        if (!notStored.isEmpty()) {
            Set<String> storedSince = allocation.getCollection("offers")
                    .find(new Document("_id", new Document("$in", List.copyOf(notStored))))
                    .map(o -> o.getString("_id")).into(new HashSet<>());
            notStored.stream().filter(id -> !storedSince.contains(id)).sorted().forEach(id -> violations.add(
                    "offer " + id + " was made (on the topic) but is gone from allocation's store"));
        }
        counts.put("OfferMade events (with redeliveries)", made);
        confirmedOffersPerRelease.forEach((releaseId, offerIds) -> {
            Document release = releases.get(releaseId);
            if (release != null && offerIds.size() > release.getInteger("doseCount")) {
                violations.add("offers topic: release " + releaseId + " confirmed " + offerIds.size()
                        + " offers for " + release.getInteger("doseCount") + " doses");
            }
        });
        confirmedOffersPerCandidate.forEach((candidateId, offerIds) -> {
            if (offerIds.size() > 1) {
                violations.add("offers topic: candidate " + candidateId + " confirmed for " + offerIds);
            }
        });
    }

    /** notification-service's deliveries (one per notification id), to tell real duplicate messages apart. */
    List<CitizenMessages.Delivery> notificationDeliveries() {
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            List<CitizenMessages.Delivery> deliveries = new ArrayList<>();
            mongo.getDatabase(FaultPlatform.NOTIFICATION).getCollection("deliveries").find().forEach(d ->
                    deliveries.add(new CitizenMessages.Delivery(d.getString("_id"), d.getString("candidateId"),
                            d.getString("template"), d.getString("state"), d.getString("channel"),
                            d.getInteger("attempts", 0))));
            return deliveries;
        }
    }

    private static boolean mentions(List<ConsumerRecord<String, byte[]>> records, String id) {
        return records != null && records.stream().anyMatch(r -> r.value() != null
                && new String(r.value(), StandardCharsets.UTF_8).contains(id));
    }

    private static Map<String, Document> byId(Iterable<Document> documents) {
        Map<String, Document> byId = new HashMap<>();
        documents.forEach(d -> byId.put(d.getString("_id"), d));
        return byId;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    List<String> unfinished() {
        return List.copyOf(unfinished);
    }

    Map<String, Object> counts() {
        return counts;
    }
}
