package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.SealedValue;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.SealedSecrets;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A poll of notification requests: one insert for the new ones, one read for the repeats, keys ended in one go. */
class AcceptingNotificationRequestsTest {

    private static final Instant NOW = Instant.parse("2021-05-03T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final StoreStub store = new StoreStub();
    private final KeysStub keys = new KeysStub();
    private final DueDeliveries due = new DueDeliveries(store, CLOCK, Duration.ofMinutes(2), Duration.ofDays(1), 100,
            Duration.ZERO, new UnstoredOutcomes());
    private final AcceptingNotificationRequests accepting = new AcceptingNotificationRequests(store, due, keys, CLOCK);

    @Test
    void aBatchWithADuplicateARedeliveryAndAKnownRequestStoresEachNotificationOnceWithOneInsert() throws Exception {
        NotificationRequested offer = request("offer:o-1", "c-1", MessageTemplate.OFFER);
        NotificationRequested offerAgain = request("offer:o-1", "c-1", MessageTemplate.OFFER); // produced twice
        NotificationRequested code = request("verification:c-2:1", "c-2", MessageTemplate.VERIFICATION_CODE);
        NotificationRequested sentBefore = request("confirmation:o-0", "c-1", MessageTemplate.CONFIRMATION);
        store.stored.put(sentBefore.notificationId(), Delivery.requested(sentBefore.notificationId(), "c-1",
                MessageTemplate.CONFIRMATION, Map.of(), null, NOW, NOW).sent(Channel.SMS, NOW));

        // the code's record comes twice in the poll (redelivered), the offer once more under another key
        accepting.acceptAll(List.of(offer, code, offerAgain, code, sentBefore));

        assertThat(store.inserts).as("one insert, each new notification once")
                .containsExactly(List.of("offer:o-1", "verification:c-2:1", "confirmation:o-0"));
        assertThat(store.reads).as("one read for the repeats").hasSize(1);
        assertThat(keys.discarded).as("only the keys no delivery will open: the second offer's and the one sent")
                .containsExactly(Set.of(offerAgain.eventId().toString(), sentBefore.eventId().toString()));
        List<String> announced = new ArrayList<>();
        due.nextBatch(10).forEach(claimed -> announced.add(claimed.delivery().notificationId()));
        assertThat(announced).as("announced in order, offers first").containsExactly("offer:o-1",
                "verification:c-2:1");
    }

    @Test
    void aBatchOfNewRequestsReadsNothing() {
        accepting.acceptAll(List.of(request("offer:o-2", "c-1", MessageTemplate.OFFER),
                request("offer:o-3", "c-2", MessageTemplate.OFFER)));

        assertThat(store.inserts).hasSize(1);
        assertThat(store.reads).isEmpty();
        assertThat(keys.discarded).isEmpty();
    }

    private static NotificationRequested request(String notificationId, String candidate, MessageTemplate template) {
        return new NotificationRequested(UUID.randomUUID(), NOW, notificationId, candidate, template, Map.of(),
                new SealedValue(1, "nonce", "sealed"));
    }

    /** Inserts what is not stored yet, as the unique id does; records every insert and read. */
    private static final class StoreStub extends DeliveriesStub {

        final Map<String, Delivery> stored = new HashMap<>();
        final List<List<String>> inserts = new ArrayList<>();
        final List<Collection<String>> reads = new ArrayList<>();

        @Override
        public Set<String> insertAllIfAbsent(List<Delivery> deliveries) {
            inserts.add(deliveries.stream().map(Delivery::notificationId).toList());
            Set<String> inserted = new LinkedHashSet<>();
            for (Delivery delivery : deliveries) {
                if (stored.putIfAbsent(delivery.notificationId(), delivery) == null) {
                    inserted.add(delivery.notificationId());
                }
            }
            return inserted;
        }

        @Override
        public Map<String, Delivery> findAll(Collection<String> notificationIds) {
            reads.add(List.copyOf(notificationIds));
            Map<String, Delivery> found = new HashMap<>();
            notificationIds.stream().filter(stored::containsKey).forEach(id -> found.put(id, stored.get(id)));
            return found;
        }

        @Override
        public List<Claimed> claimAllIfDue(List<String> notificationIds, Instant now, Duration lease) {
            return notificationIds.stream().map(stored::get).map(d -> new Claimed(d, "lease")).toList();
        }

        @Override
        public List<Due> findDue(Instant now, int limit) {
            return List.of();
        }



    }

    private static final class KeysStub implements SecretParameters {

        final List<Set<String>> discarded = new ArrayList<>();

        @Override
        public Opener openAll(Collection<SealedSecrets> secrets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void discard(String keyId) {
            throw new UnsupportedOperationException("the keys of a batch go in one delete");
        }

        @Override
        public void discardAll(Collection<String> keyIds) {
            discarded.add(Set.copyOf(keyIds));
        }
    }
}
