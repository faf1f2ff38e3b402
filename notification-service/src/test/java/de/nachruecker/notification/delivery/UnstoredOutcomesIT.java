package de.nachruecker.notification.delivery;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.delivery.application.Deliveries;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import de.nachruecker.support.testing.EmbeddedMongo;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database refuses the outcome of a sent SMS (it was down for a while, as in the fault suite's kill of the
 * store): the outcome is written again, the delivery stays with the instance that sent it although its lease runs
 * out meanwhile, and the person gets the SMS once. The store refuses at the port (a decorator of the real one), the
 * rest is real: broker, MongoDB-protocol server, the SMS gateway stand-in over HTTP. A lease of two seconds lets it
 * run out within the test; a database of its own keeps the other contexts' workers away.
 */
@RealBrokerAndDatabase
@SpringBootTest(properties = {
        "nachruecker.topics.partitions=1",
        "nachruecker.notification.delivery.lease=" + UnstoredOutcomesIT.LEASE_SECONDS + "s",
        "nachruecker.notification.delivery.poll-interval=100ms",
        "nachruecker.notification.sms.account-sid=AC0123456789abcdef0123456789abcdef",
        "nachruecker.notification.sms.auth-token=test-token",
        "nachruecker.notification.sms.from=+4915100000001",
        "spring.mail.host=127.0.0.1"})
class UnstoredOutcomesIT {

    static final int LEASE_SECONDS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    static final HoldingSmsStandIn sms = HoldingSmsStandIn.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedMongo.uri("unstored-outcomes"));
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
    Contacts contacts;
    @Autowired
    Deliveries deliveries;
    @Autowired
    RefusingStore refusing;
    @Autowired
    MeterRegistry meters;

    @Test
    void anSmsWhoseOutcomeTheStoreRefusedUntilItsLeaseRanOutIsSentOnceAndEndsSent() {
        String candidate = "c-" + UUID.randomUUID();
        keys.create(candidate);
        publisher.publish(Topics.CANDIDATE_CONTACTS, new CandidateContactChanged(UUID.randomUUID(), Instant.now(),
                candidate, personalData.seal(candidate, CandidateContactChanged.TYPE,
                new CandidateContactChanged.Details("Erika Mustermann", "+4915112349901", null)),
                "de", PhoneKind.MOBILE));
        await().atMost(WAIT).until(() -> contacts.find(candidate).isPresent());
        String token = "unstored-" + UUID.randomUUID();
        String id = "offer-" + UUID.randomUUID();
        refusing.refuse(id);

        publisher.publish(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), Instant.now(),
                id, candidate, MessageTemplate.OFFER, offerParameters(token)));
        // the store refuses the outcome until the lease has run out and the workers have scanned the store since
        await().atMost(WAIT).until(() -> refusing.refusedSince(id, Duration.ofSeconds(LEASE_SECONDS + 1)));
        assertThat(meters.get("notifications.outcomes.unstored").gauge().value())
                .as("the outcome waits for the store").isEqualTo(1.0);
        refusing.accept(id);

        await().atMost(WAIT).until(() -> deliveries.find(id).map(Delivery::state).orElseThrow()
                == DeliveryState.SENT);
        assertThat(sms.received().stream().filter(text -> text.contains(token)))
                .as("the SMS reached the gateway once").hasSize(1);
        assertThat(deliveries.find(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(meters.get("notifications.outcomes.unstored").gauge().value()).isZero();
    }

    private static Map<String, String> offerParameters(String token) {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        Map<String, String> parameters = new HashMap<>();
        parameters.put("centreName", "Impfzentrum Waldeck-Frankenberg");
        parameters.put("centreAddress", "Demo-Straße 1, 34497 Korbach");
        parameters.put("windowFrom", from.toString());
        parameters.put("windowTo", from.plus(Duration.ofMinutes(90)).toString());
        parameters.put("answerDeadline", Instant.now().plus(Duration.ofMinutes(20)).toString());
        parameters.put("answerToken", token);
        parameters.put("offerId", "offer-" + token);
        return parameters;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Refusing {

        @Bean
        RefusingStore refusingStore() {
            return new RefusingStore();
        }

        /** Puts the refusing decorator at the port, in front of the real store. */
        @Bean
        static BeanPostProcessor refusingDeliveries(ObjectProvider<RefusingStore> refusing) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof Deliveries real ? refusing.getObject().around(real) : bean;
                }
            };
        }
    }

    /** Refuses every outcome write of the deliveries named, as a database does that is down, and notes when. */
    static final class RefusingStore {

        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();

        void refuse(String notificationId) {
            refused.add(notificationId);
        }

        void accept(String notificationId) {
            refused.remove(notificationId);
        }

        /** Whether a write of this delivery was refused {@code after} or longer after its first refusal. */
        boolean refusedSince(String notificationId, Duration after) {
            List<Instant> times = refusals.stream().filter(r -> r.notificationId().equals(notificationId))
                    .map(Refusal::at).toList();
            return !times.isEmpty() && !times.get(times.size() - 1).isBefore(times.get(0).plus(after));
        }

        Deliveries around(Deliveries real) {
            return new Deliveries() {
                @Override
                public Set<String> completeAll(Collection<Completion> completions) {
                    Optional<String> refusedOne = completions.stream().map(c -> c.next().notificationId())
                            .filter(refused::contains).findFirst();
                    if (refusedOne.isPresent()) {
                        refusals.add(new Refusal(refusedOne.get(), Instant.now()));
                        throw new DataAccessResourceFailureException("the database is down (refused by the test)");
                    }
                    return real.completeAll(completions);
                }

                @Override
                public boolean insertIfAbsent(Delivery delivery) {
                    return real.insertIfAbsent(delivery);
                }

                @Override
                public Set<String> insertAllIfAbsent(List<Delivery> deliveries) {
                    return real.insertAllIfAbsent(deliveries);
                }

                @Override
                public Optional<Delivery> find(String notificationId) {
                    return real.find(notificationId);
                }

                @Override
                public Map<String, Delivery> findAll(Collection<String> notificationIds) {
                    return real.findAll(notificationIds);
                }

                @Override
                public List<Due> findDue(Instant now, int limit) {
                    return real.findDue(now, limit);
                }

                @Override
                public List<Claimed> claimAllIfDue(List<String> notificationIds, Instant now, Duration lease) {
                    return real.claimAllIfDue(notificationIds, now, lease);
                }
            };
        }

        private record Refusal(String notificationId, Instant at) {
        }
    }
}
