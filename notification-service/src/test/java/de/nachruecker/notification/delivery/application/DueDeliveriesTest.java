package de.nachruecker.notification.delivery.application;

import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.notification.delivery.model.Delivery;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DueDeliveriesTest {

    private static final Instant NOW = Instant.parse("2021-05-03T12:00:00Z");

    private final StoreStub store = new StoreStub();
    /** A scan interval of a day: only the rules, never the clock, decide when the store is scanned. */
    private final DueDeliveries due = new DueDeliveries(store, Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(2), Duration.ofDays(1), 3, Duration.ZERO, new UnstoredOutcomes());

    @Test
    void theStoreIsScannedFirstForWhatWasLeftBeforeTheStart() throws InterruptedException {
        store.dueInStore.add(delivery("left-over", MessageTemplate.CONFIRMATION, NOW.minusSeconds(3600)));
        due.announce(delivery("new", MessageTemplate.CONFIRMATION));

        assertThat(next()).map(claimed -> claimed.delivery().notificationId()).contains("left-over");
    }

    @Test
    void announcedOffersAreClaimedBeforeEarlierAnnouncedOtherTemplatesAndByIdOnly() throws InterruptedException {
        emptyStoreScanned();
        due.announce(delivery("confirmation", MessageTemplate.CONFIRMATION));
        due.announce(delivery("too-late", MessageTemplate.TOO_LATE));
        due.announce(delivery("offer", MessageTemplate.OFFER));

        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            next().ifPresent(c -> claimed.add(c.delivery().notificationId()));
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
            next().ifPresent(c -> claimed.add(c.delivery().notificationId()));
        }

        assertThat(claimed).containsExactly("d0", "d1", "d2", "d3");
        assertThat(store.scans).isEqualTo(2);
    }

    @Test
    void aDeliveryBothAnnouncedAndFoundByTheScanIsClaimedOnce() throws InterruptedException {
        Delivery confirmation = delivery("confirmation", MessageTemplate.CONFIRMATION);
        store.dueInStore.add(confirmation);
        due.announce(confirmation);

        assertThat(next()).map(claimed -> claimed.delivery().notificationId()).contains("confirmation");
        due.announce(delivery("later", MessageTemplate.CONFIRMATION));
        next();

        assertThat(store.claimedById).containsExactly("confirmation", "later");
        assertThat(store.scans).isEqualTo(1);
    }

    @Test
    void oneScanQueuesABatchThatIsClaimedByIdOffersFirstThenLongestDue() throws InterruptedException {
        store.dueInStore.add(delivery("confirmation-old", MessageTemplate.CONFIRMATION, NOW.minusSeconds(600)));
        store.dueInStore.add(delivery("confirmation-new", MessageTemplate.CONFIRMATION, NOW.minusSeconds(60)));
        store.dueInStore.add(delivery("offer", MessageTemplate.OFFER, NOW.minusSeconds(30)));

        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            next().ifPresent(c -> claimed.add(c.delivery().notificationId()));
        }

        assertThat(claimed).containsExactly("offer", "confirmation-old", "confirmation-new");
        assertThat(store.claimedById).containsExactlyElementsOf(claimed);
        assertThat(store.scans).as("one scan for the three").isEqualTo(1);
    }

    @Test
    void aWorkerDoesNotScanWhileAnotherIsScanningAndTakesWhatThatScanFound() throws Exception {
        CountDownLatch scanStarted = new CountDownLatch(1);
        CountDownLatch finishScan = new CountDownLatch(1);
        store.beforeScan = () -> {
            scanStarted.countDown();
            await(finishScan);
        };
        store.dueInStore.add(delivery("first", MessageTemplate.CONFIRMATION, NOW.minusSeconds(60)));
        store.dueInStore.add(delivery("second", MessageTemplate.CONFIRMATION, NOW.minusSeconds(30)));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Deliveries.Claimed>> scanner = workers.submit(this::next);
            await(scanStarted);
            Future<Optional<Deliveries.Claimed>> waiter = workers.submit(this::next);
            finishScan.countDown();

            List<String> claimed = new ArrayList<>();
            for (Future<Optional<Deliveries.Claimed>> worker : List.of(scanner, waiter)) {
                worker.get(10, TimeUnit.SECONDS).ifPresent(c -> claimed.add(c.delivery().notificationId()));
            }
            assertThat(claimed).containsExactlyInAnyOrder("first", "second");
            assertThat(store.scans).isEqualTo(1);
        } finally {
            workers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStoppedWorkerStopsWaitingAtOnce() throws InterruptedException {
        emptyStoreScanned();
        due.releaseWaiting(1);

        // with a scan interval of a day, only the release lets this return
        assertThat(next()).isEmpty();
    }

    @Test
    void aWorkerWithRoomForSeveralTakesWhatIsQueuedOffersFirstWithOneClaim() throws InterruptedException {
        emptyStoreScanned();
        due.announce(delivery("confirmation", MessageTemplate.CONFIRMATION));
        due.announce(delivery("too-late", MessageTemplate.TOO_LATE));
        due.announce(delivery("offer", MessageTemplate.OFFER));

        List<String> batch = due.nextBatch(5).stream().map(c -> c.delivery().notificationId()).toList();

        assertThat(batch).containsExactly("offer", "confirmation", "too-late");
        assertThat(store.claims).containsExactly(List.of("offer", "confirmation", "too-late"));
    }

    @Test
    void aBatchTakesNoMoreThanTheWorkerHasRoomForAndLeavesTheRestQueued() throws InterruptedException {
        emptyStoreScanned();
        due.announce(delivery("confirmation", MessageTemplate.CONFIRMATION));
        due.announce(delivery("offer-1", MessageTemplate.OFFER));
        due.announce(delivery("offer-2", MessageTemplate.OFFER));

        List<String> first = due.nextBatch(2).stream().map(c -> c.delivery().notificationId()).toList();
        List<String> second = due.nextBatch(2).stream().map(c -> c.delivery().notificationId()).toList();

        assertThat(first).containsExactly("offer-1", "offer-2");
        assertThat(second).containsExactly("confirmation");
        assertThat(store.scans).isEqualTo(1);
    }

    @Test
    void aStopEndsABatchAndTheNextCallReturnsAtOnce() throws InterruptedException {
        emptyStoreScanned();
        due.announce(delivery("offer", MessageTemplate.OFFER));
        due.releaseWaiting(1);

        // the stop sorts before the offer: nothing is claimed, the workers see at once that they should stop
        assertThat(due.nextBatch(5)).isEmpty();
        assertThat(store.claims).isEmpty();
    }

    @Test
    void whileDeliveriesKeepComingAClaimWithRoomToSpareWaitsForMoreAndIsMadeOnceFull() throws Exception {
        DueDeliveries lingering = lingering(Duration.ofSeconds(30));
        lingering.announce(delivery("first", MessageTemplate.OFFER));
        long started = System.nanoTime();
        assertThat(lingering.nextBatch(3)).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the first claim after a quiet second")
                .isLessThan(Duration.ofSeconds(10));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<List<Deliveries.Claimed>> batch = worker.submit(() -> lingering.nextBatch(3));
            lingering.announce(delivery("second", MessageTemplate.OFFER));
            // a claim was made a moment ago: this one waits for the batch to fill instead of claiming one
            Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !batch.isDone());
            lingering.announceAll(List.of(delivery("third", MessageTemplate.OFFER),
                    delivery("fourth", MessageTemplate.OFFER)));

            assertThat(batch.get(10, TimeUnit.SECONDS)).map(c -> c.delivery().notificationId())
                    .containsExactly("second", "third", "fourth");
            assertThat(store.claims).containsExactly(List.of("first"), List.of("second", "third", "fourth"));
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aLingeringClaimIsMadeWithWhatCameOnceTheLingerIsOver() throws InterruptedException {
        DueDeliveries lingering = lingering(Duration.ofMillis(200));
        lingering.announce(delivery("first", MessageTemplate.OFFER));
        lingering.nextBatch(3);
        lingering.announce(delivery("second", MessageTemplate.CONFIRMATION));

        long started = System.nanoTime();
        List<Deliveries.Claimed> batch = lingering.nextBatch(3);

        assertThat(batch).map(c -> c.delivery().notificationId()).containsExactly("second");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aDeliveryWhoseOutcomeWaitsForTheStoreIsNotClaimedHereAlthoughItsLeaseRanOut() throws InterruptedException {
        UnstoredOutcomes unstored = new UnstoredOutcomes();
        DueDeliveries guarded = new DueDeliveries(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(2),
                Duration.ofDays(1), 10, Duration.ZERO, unstored);
        unstored.addAll(List.of("sent-here", "announced-and-sent-here"));
        // the store lists them as due: their leases ran out while their outcomes waited
        store.dueInStore.add(delivery("sent-here", MessageTemplate.OFFER, NOW.minusSeconds(300)));
        store.dueInStore.add(delivery("other", MessageTemplate.CONFIRMATION, NOW.minusSeconds(60)));
        guarded.announce(delivery("announced-and-sent-here", MessageTemplate.OFFER));

        List<Deliveries.Claimed> batch = guarded.nextBatch(10);

        assertThat(batch).map(c -> c.delivery().notificationId()).containsExactly("other");
        assertThat(store.claimedById).doesNotContain("sent-here", "announced-and-sent-here");
    }

    /** A claim linger, and the empty store scanned already (the next scan a day away). */
    private DueDeliveries lingering(Duration claimLinger) throws InterruptedException {
        DueDeliveries lingering = new DueDeliveries(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(2),
                Duration.ofDays(1), 10, claimLinger, new UnstoredOutcomes());
        lingering.releaseWaiting(1);
        assertThat(lingering.nextBatch(1)).isEmpty();
        return lingering;
    }

    /** A worker with room for one delivery. */
    private Optional<Deliveries.Claimed> next() throws InterruptedException {
        return due.nextBatch(1).stream().findFirst();
    }

    /** The first call scans; with nothing in the store, the next scan is a day away. */
    private void emptyStoreScanned() throws InterruptedException {
        due.releaseWaiting(1);
        assertThat(next()).isEmpty();
        assertThat(store.scans).isEqualTo(1);
    }

    private static Delivery delivery(String id, MessageTemplate template) {
        return delivery(id, template, NOW);
    }

    private static Delivery delivery(String id, MessageTemplate template, Instant requestedAt) {
        return Delivery.requested(id, "c-1", template, Map.of(), requestedAt, requestedAt);
    }

    /** The scan lists the due deliveries in the store (in its order: offers, then longest due); any id claims. */
    private static final class StoreStub extends DeliveriesStub {

        final List<Delivery> dueInStore = new CopyOnWriteArrayList<>();
        final List<String> claimedById = new CopyOnWriteArrayList<>();
        /** The ids of each claim, one list per write. */
        final List<List<String>> claims = new CopyOnWriteArrayList<>();
        volatile Runnable beforeScan = () -> { };
        volatile int scans;

        @Override
        public synchronized List<Due> findDue(Instant now, int limit) {
            scans++;
            beforeScan.run();
            return dueInStore.stream()
                    .sorted(Comparator.comparing((Delivery d) -> d.template() != MessageTemplate.OFFER)
                            .thenComparing(Delivery::nextAttemptAt))
                    .limit(limit)
                    .map(d -> new Due(d.notificationId(), d.template(), d.nextAttemptAt()))
                    .toList();
        }

        @Override
        public synchronized List<Claimed> claimAllIfDue(List<String> notificationIds, Instant now, Duration lease) {
            claims.add(List.copyOf(notificationIds));
            List<Claimed> claimed = new ArrayList<>();
            for (String notificationId : notificationIds) {
                claimedById.add(notificationId);
                Delivery found = dueInStore.stream().filter(d -> d.notificationId().equals(notificationId))
                        .findFirst().orElse(delivery(notificationId, MessageTemplate.CONFIRMATION));
                dueInStore.remove(found);
                claimed.add(new Claimed(found, "lease"));
            }
            return claimed;
        }





    }
}
