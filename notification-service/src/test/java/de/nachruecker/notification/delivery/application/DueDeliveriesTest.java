package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.delivery.model.Delivery;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DueDeliveriesTest {

    private static final Instant NOW = Instant.parse("2021-05-03T12:00:00Z");

    private final StoreStub store = new StoreStub();
    /** A scan interval of a day: only the rules, never the clock, decide when the store is scanned. */
    private final DueDeliveries due = new DueDeliveries(store, Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(2), Duration.ofDays(1), 3);

    @Test
    void theStoreIsScannedFirstForWhatWasLeftBeforeTheStart() throws InterruptedException {
        store.dueInStore.add(delivery("left-over", MessageTemplate.CONFIRMATION));
        due.announce(delivery("new", MessageTemplate.CONFIRMATION));

        assertThat(due.next()).map(claimed -> claimed.delivery().notificationId()).contains("left-over");
    }

    @Test
    void announcedOffersAreClaimedBeforeEarlierAnnouncedOtherTemplatesAndByIdOnly() throws InterruptedException {
        emptyStoreScanned();
        due.announce(delivery("confirmation", MessageTemplate.CONFIRMATION));
        due.announce(delivery("too-late", MessageTemplate.TOO_LATE));
        due.announce(delivery("offer", MessageTemplate.OFFER));

        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            due.next().ifPresent(c -> claimed.add(c.delivery().notificationId()));
        }

        assertThat(claimed).containsExactly("offer", "confirmation", "too-late");
        assertThat(store.scans).isEqualTo(1);
    }

    @Test
    void announcementsBeyondTheCapacityAreLeftToTheScan() throws InterruptedException {
        emptyStoreScanned();
        for (int i = 0; i < 4; i++) {
            due.announce(delivery("d" + i, MessageTemplate.CONFIRMATION));
        }
        store.dueInStore.add(delivery("d3", MessageTemplate.CONFIRMATION));

        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            due.next().ifPresent(c -> claimed.add(c.delivery().notificationId()));
        }

        assertThat(claimed).containsExactly("d0", "d1", "d2", "d3");
        assertThat(store.scans).isEqualTo(2);
    }

    @Test
    void aDeliveryTheScanClaimedIsNotClaimedAgainByItsAnnouncement() throws InterruptedException {
        Delivery confirmation = delivery("confirmation", MessageTemplate.CONFIRMATION);
        store.dueInStore.add(confirmation);
        due.announce(confirmation);

        assertThat(due.next()).map(claimed -> claimed.delivery().notificationId()).contains("confirmation");
        due.announce(delivery("later", MessageTemplate.CONFIRMATION));
        due.next();

        assertThat(store.claimedById).containsExactly("later");
    }

    @Test
    void aStoppedWorkerStopsWaitingAtOnce() throws InterruptedException {
        emptyStoreScanned();
        due.releaseWaiting(1);

        // with a scan interval of a day, only the release lets this return
        assertThat(due.next()).isEmpty();
    }

    /** The first call scans; with nothing in the store, the next scan is a day away. */
    private void emptyStoreScanned() throws InterruptedException {
        due.releaseWaiting(1);
        assertThat(due.next()).isEmpty();
        assertThat(store.scans).isEqualTo(1);
    }

    private static Delivery delivery(String id, MessageTemplate template) {
        return Delivery.requested(id, "c-1", template, Map.of(), NOW, NOW);
    }

    /** Claims from a list of due deliveries by scan, and any id by {@code claimIfDue}. */
    private static final class StoreStub implements Deliveries {

        final Deque<Delivery> dueInStore = new ArrayDeque<>();
        final List<String> claimedById = new ArrayList<>();
        int scans;

        @Override
        public Optional<Claimed> claimNextDue(Instant now, Duration lease) {
            scans++;
            return Optional.ofNullable(dueInStore.poll()).map(d -> new Claimed(d, "lease"));
        }

        @Override
        public Optional<Claimed> claimIfDue(String notificationId, Instant now, Duration lease) {
            claimedById.add(notificationId);
            return Optional.of(new Claimed(delivery(notificationId, MessageTemplate.CONFIRMATION), "lease"));
        }

        @Override
        public boolean insertIfAbsent(Delivery delivery) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Delivery> find(String notificationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean complete(Claimed claimed, Delivery next, NotificationStatusEvent statusEvent) {
            throw new UnsupportedOperationException();
        }
    }
}
