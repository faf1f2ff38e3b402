package de.nachruecker.notification.delivery.application;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.nachruecker.events.SealedValue;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationFailed;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.notification.delivery.model.QuietHours;
import de.nachruecker.notification.delivery.model.RetryPolicy;
import de.nachruecker.notification.delivery.model.SealedSecrets;
import de.nachruecker.notification.delivery.model.SendResult;
import de.nachruecker.notification.message.model.MessageCatalogue;
import de.nachruecker.notification.message.model.RenderedMessage;
import de.nachruecker.notification.message.voice.VoiceCall;
import de.nachruecker.notification.message.voice.VoiceScripts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of claimed deliveries: read once, sent in parallel (in order per person), recorded with one write. */
class DeliveringNotificationsTest {

    private static final Instant NOW = Instant.parse("2021-05-03T10:00:00Z");

    private final StoreStub store = new StoreStub();
    private final ContactsStub contacts = new ContactsStub();
    private final VaultStub vault = new VaultStub();
    private final SenderStub sender = new SenderStub();
    private final ExecutorService sending = Executors.newFixedThreadPool(4);
    private final UnstoredOutcomes unstored = new UnstoredOutcomes();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeliveringNotifications delivering = new DeliveringNotifications(store, contacts, sender,
            new MessageCatalogue("https://nachruecker.example"), new VoiceScripts("https://nachruecker.example"),
            new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneId.of("Europe/Berlin")),
            new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10),
                    Duration.ofSeconds(5)),
            new DeliveryMetrics(meters), vault, Clock.fixed(NOW, ZoneOffset.UTC), unstored, Duration.ofMinutes(2));

    /** More candidates than any batch here: the outcomes of a batch are one write. */
    private static final int WHOLE_BATCH = 100;

    @AfterEach
    void stop() {
        sending.shutdownNow();
    }

    @Test
    void aBatchIsReadOnceAndItsOutcomesStatusEventsAndKeyDeletesAreOneWriteEach() throws Exception {
        contacts.known.put("c-1", Contact.of("c-1", "Erika Mustermann", "+4915112345671", null, "de"));
        contacts.known.put("c-2", Contact.of("c-2", "Max Muster", "+4915112345672", null, "de"));
        contacts.known.put("c-erased", Contact.erased("c-erased"));
        sender.answers.put("+4915112345672", SendResult.transientFailure("sms-http-503"));
        vault.keys.add("k-sent");
        vault.keys.add("k-retried");
        vault.keys.add("k-erased");
        List<Deliveries.Claimed> batch = List.of(
                claimed("sent", "c-1", "k-sent"),
                claimed("retried", "c-2", "k-retried"),
                claimed("for-erased", "c-erased", "k-erased"),
                claimed("key-gone", "c-1", "k-gone"));

        delivering.deliverAll(batch, sending, WHOLE_BATCH).get(10, TimeUnit.SECONDS);

        assertThat(contacts.reads).as("one read of the contacts").containsExactly(Set.of("c-1", "c-2", "c-erased"));
        assertThat(vault.reads).as("one read of the keys").hasSize(1);
        assertThat(store.writes).as("one write for the outcomes").hasSize(1);
        Map<String, Deliveries.Completion> stored = store.writes.get(0).stream()
                .collect(Collectors.toMap(c -> c.next().notificationId(), Function.identity()));
        assertThat(stored.get("sent").next().state()).isEqualTo(DeliveryState.SENT);
        assertThat(stored.get("sent").statusEvent()).isInstanceOf(NotificationSent.class);
        assertThat(stored.get("retried").next().state()).isEqualTo(DeliveryState.PENDING);
        assertThat(stored.get("retried").statusEvent()).isNull();
        assertThat(stored.get("for-erased").next().lastFailure()).isEqualTo(Delivery.CONTACT_ERASED);
        assertThat(stored.get("for-erased").statusEvent()).isInstanceOf(NotificationFailed.class);
        assertThat(stored.get("key-gone").next().lastFailure()).isEqualTo(Delivery.SECRETS_GONE);
        assertThat(vault.discards).as("one delete, of the keys of the final deliveries only")
                .containsExactly(Set.of("k-sent", "k-erased", "k-gone"));
        assertThat(sender.sentTo).containsExactlyInAnyOrder("+4915112345671", "+4915112345672");
    }

    @Test
    void theMessagesAPartSentAreLoggedInOneLine() throws Exception {
        contacts.known.put("c-1", Contact.of("c-1", "Erika Mustermann", "+4915112345671", null, "de"));
        contacts.known.put("c-2", Contact.of("c-2", "Max Muster", "+4915112345672", null, "de"));
        contacts.known.put("c-3", Contact.of("c-3", "Eva Muster", "+4915112345673", null, "de"));
        sender.answers.put("+4915112345673", SendResult.transientFailure("sms-http-503"));
        vault.keys.addAll(List.of("k-1", "k-2", "k-3"));
        Logger logger = (Logger) LoggerFactory.getLogger(DeliveringNotifications.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            delivering.deliverAll(List.of(claimed("sent-1", "c-1", "k-1"), claimed("sent-2", "c-2", "k-2"),
                    claimed("retried", "c-3", "k-3")), sending, WHOLE_BATCH).get(10, TimeUnit.SECONDS);
        } finally {
            logger.detachAppender(logged);
        }

        List<String> sentLines = logged.list.stream().filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage).filter(line -> line.contains("sent")).toList();
        assertThat(sentLines).as("one line for the part's sent messages").hasSize(1);
        assertThat(sentLines.get(0)).startsWith("2 notification(s) sent").contains("sent-1 SMS/1", "sent-2 SMS/1")
                .doesNotContain("retried");
        assertThat(logged.list).as("the retry keeps a line of its own")
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("retried will be tried again"));
    }

    @Test
    void twoMessagesToOnePersonGoOutInTheOrderOfTheBatchWhileOthersAreSentMeanwhile() throws Exception {
        contacts.known.put("c-a", Contact.of("c-a", "Anna A", "+4915112340001", null, "de"));
        contacts.known.put("c-b", Contact.of("c-b", "Bert B", "+4915112340002", null, "de"));
        vault.keys.addAll(List.of("k-a1", "k-a2", "k-b"));
        // the first message to A is handed over only once B's is on its way: B does not wait for A's
        CountDownLatch bOnItsWay = new CountDownLatch(1);
        sender.before.put("+4915112340002", bOnItsWay::countDown);
        sender.before.put("+4915112340001", () -> awaitLatch(bOnItsWay));

        delivering.deliverAll(List.of(claimed("a-1", "c-a", "k-a1"), claimed("a-2", "c-a", "k-a2"),
                claimed("b", "c-b", "k-b")), sending, WHOLE_BATCH).get(10, TimeUnit.SECONDS);

        assertThat(sender.codes).as("the code is the notification id").containsOnlyOnce("a-1", "a-2", "b");
        List<String> toA = sender.codes.stream().filter(code -> code.startsWith("a-")).toList();
        assertThat(toA).containsExactly("a-1", "a-2");
        assertThat(store.writes).hasSize(1);
        assertThat(store.writes.get(0)).hasSize(3);
    }

    @Test
    void outcomesWhoseLeaseWasLostKeepTheirKeys() throws Exception {
        contacts.known.put("c-1", Contact.of("c-1", "Erika Mustermann", "+4915112345671", null, "de"));
        vault.keys.addAll(List.of("k-held", "k-lost"));
        store.lost.add("lost");

        delivering.deliverAll(List.of(claimed("held", "c-1", "k-held"), claimed("lost", "c-1", "k-lost")), sending,
                WHOLE_BATCH)
                .get(10, TimeUnit.SECONDS);

        assertThat(vault.discards).containsExactly(Set.of("k-held"));
    }

    @Test
    void outcomesTheStoreRefusedAreWrittenAgainAsOneWriteAndWaitMeanwhileUnclaimable() throws Exception {
        contacts.known.put("c-1", Contact.of("c-1", "Erika Mustermann", "+4915112345671", null, "de"));
        contacts.known.put("c-2", Contact.of("c-2", "Max Muster", "+4915112345672", null, "de"));
        vault.keys.addAll(List.of("k-1", "k-2"));
        store.refusals.set(3);
        List<Double> unstoredSeen = new CopyOnWriteArrayList<>();
        List<Boolean> claimableSeen = new CopyOnWriteArrayList<>();
        store.beforeWrite = () -> {
            unstoredSeen.add(meters.get(DeliveryMetrics.UNSTORED).gauge().value());
            claimableSeen.add(!unstored.contains("one") && !unstored.contains("two"));
        };

        delivering.deliverAll(List.of(claimed("one", "c-1", "k-1"), claimed("two", "c-2", "k-2")), sending,
                WHOLE_BATCH)
                .get(10, TimeUnit.SECONDS);

        assertThat(sender.sentTo).as("each sent once, however often its outcome was written")
                .containsExactlyInAnyOrder("+4915112345671", "+4915112345672");
        assertThat(store.writes).as("the first write and three more, each the whole batch").hasSize(4)
                .allSatisfy(write -> assertThat(write).hasSize(2));
        assertThat(store.writes.get(3)).isEqualTo(store.writes.get(0));
        assertThat(unstoredSeen).containsExactly(0.0, 2.0, 2.0, 2.0);
        assertThat(claimableSeen).containsExactly(true, false, false, false);
        assertThat(meters.get(DeliveryMetrics.UNSTORED).gauge().value()).isZero();
        assertThat(unstored.size()).isZero();
        assertThat(vault.discards).as("the keys end once the outcomes are stored").containsExactly(Set.of("k-1", "k-2"));
    }

    @Test
    void anOutcomeWrittenAgainThatFindsItsLeaseTakenIsNotWrittenAgain() throws Exception {
        contacts.known.put("c-1", Contact.of("c-1", "Erika Mustermann", "+4915112345671", null, "de"));
        vault.keys.addAll(List.of("k-held", "k-lost"));
        store.refusals.set(1);
        store.lost.add("lost");

        delivering.deliverAll(List.of(claimed("held", "c-1", "k-held"), claimed("lost", "c-1", "k-lost")), sending,
                WHOLE_BATCH)
                .get(10, TimeUnit.SECONDS);

        assertThat(store.writes).hasSize(2);
        assertThat(vault.discards).containsExactly(Set.of("k-held"));
        assertThat(unstored.size()).isZero();
    }

    /**
     * A batch larger than the workers is read once but recorded a part at a time: a sent message does not wait for
     * the sends of the whole batch before its outcome is stored.
     */
    @Test
    void aBatchIsRecordedAPartAtATimeWhileItsContactsAndKeysAreReadOnce() throws Exception {
        List<Deliveries.Claimed> batch = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            contacts.known.put("c-" + i, Contact.of("c-" + i, "Person " + i, "+491511234560" + i, null, "de"));
            vault.keys.add("k-" + i);
            batch.add(claimed("n-" + i, "c-" + i, "k-" + i));
        }
        // a second message to the first person travels in its task: parts count candidates, not messages
        vault.keys.add("k-1b");
        batch.add(claimed("n-1b", "c-1", "k-1b"));

        delivering.deliverAll(batch, sending, 2).get(10, TimeUnit.SECONDS);

        assertThat(contacts.reads).as("one read of the contacts").hasSize(1);
        assertThat(vault.reads).as("one read of the keys").hasSize(1);
        assertThat(store.writes).as("an outcome write per two candidates")
                .extracting(write -> write.stream().map(c -> c.next().notificationId()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Set.of("n-1", "n-1b", "n-2"), Set.of("n-3", "n-4"), Set.of("n-5"));
        assertThat(vault.discards).as("a key delete per part").hasSize(3);
        assertThat(sender.sentTo).hasSize(6);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the other person's message is on its way").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A verification code whose secret (the code: the notification id) is sealed under {@code keyId}. */
    private static Deliveries.Claimed claimed(String id, String candidate, String keyId) {
        SealedSecrets secrets = new SealedSecrets(keyId, new SealedValue(1, "nonce", "sealed:" + id));
        Delivery delivery = Delivery.requested(id, candidate, MessageTemplate.VERIFICATION_CODE, Map.of(), secrets,
                NOW, NOW);
        return new Deliveries.Claimed(delivery, "lease-" + id);
    }

    /** Records every write; {@link #lost} names deliveries whose lease another worker took meanwhile. */
    private static final class StoreStub extends DeliveriesStub {

        final List<List<Completion>> writes = new CopyOnWriteArrayList<>();
        final Set<String> lost = new CopyOnWriteArraySet<>();
        /** How many writes from now on the store refuses (as a database does that is down). */
        final AtomicInteger refusals = new AtomicInteger();
        volatile Runnable beforeWrite = () -> { };

        @Override
        public Set<String> completeAll(Collection<Completion> completions) {
            beforeWrite.run();
            writes.add(List.copyOf(completions));
            if (refusals.getAndDecrement() > 0) {
                throw new IllegalStateException("the database is down");
            }
            return completions.stream().map(c -> c.next().notificationId()).filter(id -> !lost.contains(id))
                    .collect(Collectors.toSet());
        }






    }

    private static final class ContactsStub implements Contacts {

        final Map<String, Contact> known = new HashMap<>();
        final List<Set<String>> reads = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Contact> find(String candidateId) {
            throw new UnsupportedOperationException("a batch reads its contacts at once");
        }

        @Override
        public Map<String, Contact> findAll(Collection<String> candidateIds) {
            reads.add(Set.copyOf(candidateIds));
            Map<String, Contact> found = new HashMap<>();
            candidateIds.stream().filter(known::containsKey).forEach(id -> found.put(id, known.get(id)));
            return found;
        }

        @Override
        public void save(Contact contact) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveAll(List<Contact> contacts) {
            throw new UnsupportedOperationException();
        }
    }

    /** Opens a sealed value "sealed:x" to the code x while its key exists. */
    private static final class VaultStub implements SecretParameters {

        final Set<String> keys = new CopyOnWriteArraySet<>();
        final List<Set<String>> reads = new CopyOnWriteArrayList<>();
        final List<Set<String>> discards = new CopyOnWriteArrayList<>();

        @Override
        public Opener openAll(Collection<SealedSecrets> secrets) {
            Set<String> read = secrets.stream().map(SealedSecrets::keyId).collect(Collectors.toSet());
            reads.add(read);
            Set<String> found = read.stream().filter(keys::contains).collect(Collectors.toSet());
            return sealed -> found.contains(sealed.keyId())
                    ? Optional.of(Map.of("code", sealed.value().ciphertext().substring("sealed:".length())))
                    : Optional.empty();
        }

        @Override
        public void discard(String keyId) {
            throw new UnsupportedOperationException("a batch deletes its keys at once");
        }

        @Override
        public void discardAll(Collection<String> keyIds) {
            discards.add(Set.copyOf(keyIds));
            keys.removeAll(keyIds);
        }
    }

    /** Answers "sent" unless told otherwise per number; runs a hook per number before answering. */
    private static final class SenderStub implements MessageSender {

        final Map<String, SendResult> answers = new HashMap<>();
        final Map<String, Runnable> before = new HashMap<>();
        final List<String> sentTo = new CopyOnWriteArrayList<>();
        /** The codes in the order they were handed over. */
        final List<String> codes = new CopyOnWriteArrayList<>();

        @Override
        public SendResult send(Channel channel, Contact contact, RenderedMessage message) {
            before.getOrDefault(contact.phone(), () -> { }).run();
            sentTo.add(contact.phone());
            codes.add(message.secrets().iterator().next());
            return answers.getOrDefault(contact.phone(), SendResult.sent());
        }

        @Override
        public SendResult call(Contact contact, VoiceCall call) {
            throw new UnsupportedOperationException();
        }
    }

}
