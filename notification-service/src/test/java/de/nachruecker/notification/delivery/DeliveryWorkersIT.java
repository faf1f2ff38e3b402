package de.nachruecker.notification.delivery;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.NotificationApplication;
import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.delivery.application.Deliveries;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.testing.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The delivery workers against real HTTP (a stand-in SMS gateway that can hold messages in flight), a real broker and
 * the MongoDB-protocol server: they send in parallel, offers go before an older backlog, and several workers of two
 * instances claiming from one store send every message exactly once. A database of its own keeps the workers of the
 * module's other (cached) test contexts away from these deliveries. As many deliveries in flight as workers: what the
 * held gateway holds is all that is claimed, so the order of the waves is the order of the claims.
 */
@SpringBootTest(properties = {
        "nachruecker.topics.partitions=1",
        "nachruecker.notification.delivery.workers=" + DeliveryWorkersIT.WORKERS,
        "nachruecker.notification.delivery.in-flight=" + DeliveryWorkersIT.WORKERS,
        "nachruecker.notification.delivery.poll-interval=200ms",
        "nachruecker.notification.sms.account-sid=" + DeliveryWorkersIT.ACCOUNT,
        "nachruecker.notification.sms.auth-token=test-token",
        "nachruecker.notification.sms.from=+4915100000001",
        "spring.mail.host=127.0.0.1"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers", partitions = 1)
class DeliveryWorkersIT {

    static final int WORKERS = 4;
    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern TOKEN = Pattern.compile("token=([\\w-]+)");
    private static final String OFFER_TEXT = "Impfdosis frei";

    static final HoldingSmsStandIn sms = HoldingSmsStandIn.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", DeliveryWorkersIT::mongoUri);
        registry.add("nachruecker.notification.sms.base-url", sms::baseUrl);
    }

    @AfterAll
    static void stopStandIn() {
        sms.close();
    }

    @Autowired
    EventPublisher publisher;
    @Autowired
    PersonalDataKeys keys;
    @Autowired
    PersonalData personalData;
    @Autowired
    Deliveries deliveries;
    @Autowired
    Contacts contacts;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EmbeddedKafkaBroker broker;

    /**
     * Each message goes to a person of its own: a batch sends one person's messages one after another (in their
     * order), so messages to one person could never be in flight together.
     */
    @Test
    void workersSendInParallel() {
        List<String> people = people(WORKERS, "+49151123401");
        List<String> ids = new ArrayList<>();
        sms.hold();
        try {
            for (int i = 0; i < WORKERS; i++) {
                ids.add(requestOffer(people.get(i), "parallel-" + i));
            }

            // a single sender would hold one message at a time and never get here
            List<String> inFlight = sms.awaitHeld(WORKERS);

            assertThat(inFlight).hasSize(WORKERS).doesNotHaveDuplicates();
        } finally {
            sms.open();
        }
        awaitSent(ids);
    }

    /**
     * Every message goes to a person of its own (a batch sends one person's messages one after another, so a wave of
     * messages to one person would reach the held gateway one at a time, each after the read timeout of the one
     * before): once the workers held by the gateway are free, the next two waves of sends are the offers, although
     * an older backlog of other templates, both announced and only stored, waits too.
     */
    @Test
    void offersGoBeforeAnOlderBacklogOfOtherTemplates() {
        List<String> people = people(7 * WORKERS, "+49151123402");
        Iterator<String> person = people.iterator();
        List<String> ids = new ArrayList<>();
        sms.hold();
        try {
            for (int i = 0; i < WORKERS; i++) {
                ids.add(request(person.next(), MessageTemplate.VERIFICATION_CODE, Map.of("code", "blocker-" + i)));
            }
            sms.awaitHeld(WORKERS); // every worker waits on the gateway: nothing is claimed meanwhile
            Instant earlier = Instant.now().minus(Duration.ofMinutes(5));
            for (int i = 0; i < 2 * WORKERS; i++) {
                // a backlog from before a restart (found by the scan) ...
                String id = "backlog-" + UUID.randomUUID();
                deliveries.insertIfAbsent(Delivery.requested(id, person.next(), MessageTemplate.TOO_LATE, Map.of(),
                        earlier, earlier));
                ids.add(id);
                // ... and one accepted just now (announced to the workers)
                ids.add(request(person.next(), MessageTemplate.CONFIRMATION, appointment()));
            }
            List<String> offers = new ArrayList<>();
            for (int i = 0; i < 2 * WORKERS; i++) {
                offers.add(requestOffer(person.next(), "first-" + i));
            }
            ids.addAll(offers);
            await().atMost(WAIT).until(() -> stored(ids) == ids.size());

            sms.releaseAndHoldNext();
            List<String> firstWave = sms.awaitHeld(WORKERS);
            sms.releaseAndHoldNext();
            List<String> secondWave = sms.awaitHeld(WORKERS);

            assertThat(firstWave).hasSize(WORKERS).allMatch(text -> text.contains(OFFER_TEXT));
            assertThat(secondWave).hasSize(WORKERS).allMatch(text -> text.contains(OFFER_TEXT));
        } finally {
            sms.open();
        }
        awaitSent(ids);
    }

    @Test
    void workersOfTwoInstancesSendEveryMessageExactlyOnce() {
        // more people than a batch holds messages, so each instance's batches send in parallel
        List<String> candidates = people(2 * WORKERS, "+49151123403");
        List<String> tokens = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondInstance()) {
            sms.hold();
            try {
                for (int i = 0; i < 300; i++) {
                    String candidate = candidates.get(i % candidates.size());
                    String token = "once-" + UUID.randomUUID();
                    tokens.add(token);
                    if (i % 3 == 0) {
                        // stored without an announcement: only the scans of both instances find it
                        String id = "stored-" + token;
                        Instant now = Instant.now();
                        deliveries.insertIfAbsent(Delivery.requested(id, candidate, MessageTemplate.OFFER,
                                offerParameters(token), now, now));
                        ids.add(id);
                    } else {
                        ids.add(requestOffer(candidate, token));
                    }
                }
                // more messages in flight than one instance has workers: both instances are sending
                sms.awaitHeld(WORKERS + 1);
            } finally {
                sms.open();
            }
            awaitSent(ids);
            // every status event is published before the second instance stops (no relay left to run after it)
            await().atMost(WAIT).until(() -> mongo.count(Query.query(where("_id").in(ids).and("outbox.0")
                    .exists(true)), "deliveries") == 0);
            assertThat(second.isRunning()).isTrue();
        }

        Map<String, Long> sentPerToken = sms.received().stream().map(TOKEN::matcher).filter(Matcher::find)
                .map(match -> match.group(1)).filter(tokens::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // one SMS per recorded attempt: a second instance sending a delivery it did not hold would add an SMS
        // without an attempt. An attempt that timed out on the held gateway was received there and is resent, as
        // the gateway's answer never came (at least once, by design)
        Map<String, Long> attemptsPerToken = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            attemptsPerToken.put(tokens.get(i), (long) deliveries.find(ids.get(i)).orElseThrow().attempts());
        }
        assertThat(sentPerToken).hasSize(tokens.size()).isEqualTo(attemptsPerToken);
    }

    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(NotificationApplication.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + mongoUri(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--spring.mail.host=127.0.0.1",
                "--nachruecker.topics.partitions=1",
                "--nachruecker.notification.delivery.workers=" + WORKERS,
                "--nachruecker.notification.delivery.in-flight=" + WORKERS,
                "--nachruecker.notification.delivery.poll-interval=200ms",
                "--nachruecker.notification.sms.base-url=" + sms.baseUrl(),
                "--nachruecker.notification.sms.account-sid=" + ACCOUNT,
                "--nachruecker.notification.sms.auth-token=test-token",
                "--nachruecker.notification.sms.from=+4915100000001");
    }

    private static String mongoUri() {
        return EmbeddedMongo.uri("delivery-workers");
    }

    /** {@code count} people with mobiles {@code phonePrefix} + two digits, their contacts stored. */
    private List<String> people(int count, String phonePrefix) {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String candidate = "c-" + UUID.randomUUID();
            keys.create(candidate);
            publisher.publish(Topics.CANDIDATE_CONTACTS, new CandidateContactChanged(UUID.randomUUID(),
                    Instant.now(), candidate, personalData.seal(candidate, CandidateContactChanged.TYPE,
                    new CandidateContactChanged.Details("Erika Mustermann", phonePrefix + "%02d".formatted(i), null)),
                    "de", PhoneKind.MOBILE));
            people.add(candidate);
        }
        await().atMost(WAIT).until(() -> people.stream().allMatch(candidate -> contacts.find(candidate).isPresent()));
        return people;
    }

    private String requestOffer(String candidate, String token) {
        return request(candidate, MessageTemplate.OFFER, offerParameters(token));
    }

    private String request(String candidate, MessageTemplate template, Map<String, String> parameters) {
        String id = template.name().toLowerCase() + "-" + UUID.randomUUID();
        publisher.publish(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), Instant.now(),
                id, candidate, template, parameters));
        return id;
    }

    private static Map<String, String> offerParameters(String token) {
        Map<String, String> parameters = appointment();
        parameters.put("answerDeadline", Instant.now().plus(Duration.ofMinutes(20)).toString());
        parameters.put("answerToken", token);
        parameters.put("offerId", "offer-" + token);
        return parameters;
    }

    private static Map<String, String> appointment() {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        Map<String, String> parameters = new HashMap<>();
        parameters.put("centreName", "Impfzentrum Waldeck-Frankenberg");
        parameters.put("centreAddress", "Demo-Straße 1, 34497 Korbach");
        parameters.put("windowFrom", from.toString());
        parameters.put("windowTo", from.plus(Duration.ofMinutes(90)).toString());
        return parameters;
    }

    private long stored(List<String> ids) {
        return mongo.count(Query.query(where("_id").in(ids)), "deliveries");
    }

    private void awaitSent(List<String> ids) {
        await().atMost(WAIT).until(() -> mongo.count(Query.query(where("_id").in(ids)
                .and("state").is(DeliveryState.SENT)), "deliveries") == ids.size());
    }
}
