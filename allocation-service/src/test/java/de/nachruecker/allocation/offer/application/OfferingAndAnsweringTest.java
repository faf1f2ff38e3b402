package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.metrics.AllocationMetrics;
import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.Eligibility;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.offer.model.OfferPlanner;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.model.WaveSizingPolicy;
import de.nachruecker.allocation.pool.model.Candidate;
import de.nachruecker.allocation.pool.model.CandidateIndex;
import de.nachruecker.allocation.release.application.WatchingVialClock;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.rules.application.KeepingRules;
import de.nachruecker.allocation.testing.InMemoryCandidates;
import de.nachruecker.allocation.testing.InMemoryOffers;
import de.nachruecker.allocation.testing.InMemoryReleases;
import de.nachruecker.allocation.testing.InMemoryRuleVersions;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationChannel;
import de.nachruecker.events.notification.NotificationFailed;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalDataCipher;
import de.nachruecker.support.testing.InMemoryMessageKeys;
import de.nachruecker.support.testing.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The use cases of making and answering offers against in-memory ports (the same guards as the stores, no Spring, no
 * database): what a wave claims, what a yes in time, a late yes and a yes that lost the last dose come to. The
 * integration tests prove the same against MongoDB and Kafka, with races.
 */
class OfferingAndAnsweringTest {

    /** After prioritisation ended: everyone is eligible, first registered first served. */
    private static final Instant JUNE = Instant.parse("2021-06-10T08:00:00Z");
    private static final String CENTRE = "korbach";

    private final MutableClock clock = MutableClock.at(JUNE);
    private final InMemoryOffers offers = new InMemoryOffers();
    private final InMemoryReleases releases = new InMemoryReleases(clock);
    private final InMemoryCandidates candidates = new InMemoryCandidates();
    private final CandidateIndex index = new CandidateIndex();
    private final BusyCandidates busy = new BusyCandidates();
    private final List<NotificationRequested> toldAtOnce = new CopyOnWriteArrayList<>();
    private final EventCodec codec = new EventCodec();
    private final CentreCatalogue catalogue = new CentreCatalogue(List.of(
            new Centre(CENTRE, "Impfzentrum", "Korbach", "Demo-Straße 1", true)));
    private final AllocationProperties properties = new AllocationProperties(0.5, 4, 50, Duration.ofMinutes(30),
            Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10),
            List.of("COMIRNATY"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AllocationMetrics metrics = new AllocationMetrics(meters, catalogue, properties);
    private final InMemoryMessageKeys messageKeys = new InMemoryMessageKeys();
    private final MessageSecrets secrets = new MessageSecrets(messageKeys, new PersonalDataCipher());
    private final OfferMessages messages = new OfferMessages(codec, catalogue, secrets);
    private final ClosingOffers closing = new ClosingOffers(offers, candidates, releases, index, messages, metrics,
            busy, clock);
    private final OfferingDoses offering = new OfferingDoses(releases, releases, index,
            new KeepingRules(new InMemoryRuleVersions(), clock), new OfferPlanner(Eligibility.standard()),
            new WaveSizingPolicy(0.5, 4, 50), busy, new MakingOffers(candidates, releases, offers, releases, index,
                    busy, closing, messages, metrics, new SecureRandom(), clock), metrics, clock);
    private final AnsweringOffers answering = new AnsweringOffers(offers, releases, closing, offering, messages,
            toldAtOnce::add, clock);
    private final ExpiringOffers expiring = new ExpiringOffers(offers, closing, answering, releases, offering, busy,
            clock);
    /** The releases of {@link #release} as stored, leased, until their first wave. */
    private final Map<String, ReleaseLedger> created = new HashMap<>();
    private final RecoveringUnannouncedOffers recovering = new RecoveringUnannouncedOffers(offers, releases, closing,
            messages, metrics, properties, clock);

    @Test
    void aWaveOffersTheLongestWaitingCandidatesAndClaimsEachOfThem() {
        List<String> waiting = register(6);
        String releaseId = release(2);

        // 2 doses, 16 rounds of 15 minutes left, acceptance assumed 50 %: ceil(2 × (1 + 1/16) / 0.5) = 5 offers
        assertThat(firstWave(releaseId)).isEqualTo(5);

        List<Offer> made = offers.ofRelease(releaseId);
        assertThat(made).extracting(Offer::candidateId).containsExactlyElementsOf(waiting.subList(0, 5));
        assertThat(made).allSatisfy(offer -> {
            assertThat(offer.status()).isEqualTo(OfferStatus.MADE);
            assertThat(offer.sent()).isTrue();
            assertThat(claimOf(offer.candidateId())).isEqualTo(offer.id());
            assertThat(types(offers.outbox(offer.id()))).containsExactly(OfferMade.TYPE, NotificationRequested.TYPE);
        });
        assertThat(releases.find(releaseId).orElseThrow().openOffers())
                .containsExactlyInAnyOrderElementsOf(made.stream().map(Offer::id).toList());
        assertThat(claimOf(waiting.get(5))).isNull();
    }

    /**
     * The gap the fault suite found: a wave killed after writing its offers and before requesting their messages left
     * them open, told to nobody, until their deadline (15 minutes), and their release waiting with them.
     */
    @Test
    void offersWhoseWaveDiedBeforeTheirMessagesAreAnnouncedOnceAfterTheGracePeriodWithTheirOwnTokens() {
        register(6);
        String releaseId = release(2);
        List<Offer> stranded = waveKilledBeforeItsMessages(releaseId);
        assertThat(stranded).hasSize(5).allSatisfy(offer -> {
            assertThat(offer.sent()).isFalse();
            assertThat(types(offers.outbox(offer.id()))).containsExactly(OfferMade.TYPE);
        });
        assertThat(recovering.announceOrVoid()).as("within the grace period: its wave may still be at it").isZero();

        clock.advance(Duration.ofSeconds(31));
        assertThat(recovering.announceOrVoid()).isEqualTo(5);
        assertThat(recovering.announceOrVoid()).as("again, or another instance: nothing more").isZero();

        for (Offer offer : stranded) {
            assertThat(statusOf(offer)).isEqualTo(OfferStatus.MADE);
            assertThat(offers.find(offer.id()).orElseThrow().sent()).isTrue();
            List<PendingEvent> outbox = offers.outbox(offer.id());
            assertThat(types(outbox)).containsExactly(OfferMade.TYPE, NotificationRequested.TYPE);
            NotificationRequested message = codec.decode(outbox.get(1).payload(), NotificationRequested.class);
            String token = secrets.open(message.eventId().toString(), message.secrets()).orElseThrow()
                    .get("answerToken");
            assertThat(AnswerToken.hashOf(token)).as("the token whose hash OfferMade published")
                    .isEqualTo(offer.answerTokenHash());
            // the wave, had it only been slow, finds the message requested
            assertThat(offers.requestMessages(List.of(new Offers.NewOffer(offer, List.of(outbox.get(0)), outbox.get(1)))))
                    .isEmpty();
        }
    }

    @Test
    void unannouncedOffersOfAReleaseThatEndedMeanwhileAreVoidedWithoutAMessage() {
        register(6);
        String releaseId = release(2);
        List<Offer> stranded = waveKilledBeforeItsMessages(releaseId);
        // ended without voiding them, as when it ends between the wave's reservation and its write
        assertThat(releases.finish(releaseId, ReleaseStatus.WITHDRAWN, List.of())).isTrue();

        clock.advance(Duration.ofSeconds(31));
        assertThat(recovering.announceOrVoid()).isZero();

        assertThat(stranded).isNotEmpty().allSatisfy(offer -> {
            assertThat(statusOf(offer)).isEqualTo(OfferStatus.VOID);
            assertThat(types(offers.outbox(offer.id()))).doesNotContain(NotificationRequested.TYPE);
            assertThat(claimOf(offer.candidateId())).isNull();
        });
        assertThat(releases.find(releaseId).orElseThrow().openOffers()).isEmpty();
    }

    @Test
    void unannouncedOffersPastTheirDeadlineAreLeftToTheExpiry() {
        register(6);
        String releaseId = release(2);
        List<Offer> stranded = waveKilledBeforeItsMessages(releaseId);

        clock.set(stranded.get(0).answerDeadline().plusSeconds(1));
        assertThat(recovering.announceOrVoid()).isZero();
        assertThat(stranded).allSatisfy(offer ->
                assertThat(types(offers.outbox(offer.id()))).doesNotContain(NotificationRequested.TYPE));

        expiring.expireOverdueOffers();
        assertThat(stranded).allSatisfy(offer -> assertThat(statusOf(offer)).isEqualTo(OfferStatus.EXPIRED));
    }

    @Test
    void aWaveClaimsItsCandidatesOneByOneAndWritesItsOffersTogether() {
        register(6);
        String releaseId = release(2);

        assertThat(firstWave(releaseId)).isEqualTo(5);

        // five claims, each its own conditional write; one reservation, one insert, one message request and one
        // insert of the messages' keys for all five
        assertThat(releases.reservations()).isEqualTo(1);
        assertThat(offers.writesOfMany()).isEqualTo(2);
        assertThat(messageKeys.creatingWrites()).isEqualTo(1);
    }

    /**
     * The wave lets go of its lease right after writing its offers, and that write tells it the release's status: no
     * read of its own (issue 17: one database round trip per wave fewer). A wave request made meanwhile is not lost.
     */
    @Test
    void aWaveLetsGoOfItsLeaseRightAfterItsOffersAreWrittenAndLearnsTheStatusFromIt() {
        register(6);
        String releaseId = release(2);
        releases.requestWave(releaseId); // another instance asked while this one held the lease
        int leasesBefore = releases.leaseAttempts();

        assertThat(firstWave(releaseId)).isEqualTo(5);

        assertThat(releases.statusReads()).as("the let-go read the status").isZero();
        assertThat(releases.leaseAttempts()).as("planned once more for the request").isEqualTo(leasesBefore + 1);
        assertThat(releases.acquire(releaseId)).as("let go after both").isPresent();
    }

    /** The let-go is a read after the write: a release withdrawn in between has the offers voided before messages. */
    @Test
    void aReleaseWithdrawnWhileTheWaveWritesItsOffersIsSeenByTheLetGoAndNoMessageIsRequested() {
        register(6);
        String releaseId = release(2);
        offers.afterNextWrite(() -> releases.finish(releaseId, ReleaseStatus.WITHDRAWN, List.of()));

        assertThat(firstWave(releaseId)).isZero();

        assertThat(releases.statusReads()).isZero();
        assertThat(offers.ofRelease(releaseId)).hasSize(5).allSatisfy(offer -> {
            assertThat(statusOf(offer)).isEqualTo(OfferStatus.VOID);
            assertThat(types(offers.outbox(offer.id()))).doesNotContain(NotificationRequested.TYPE);
            assertThat(claimOf(offer.candidateId())).isNull();
        });
    }

    /**
     * A paused wave whose lease was taken over between its reservation and its let-go: the let-go finds nothing to
     * let go (and takes no wave request meant for the new holder), so the wave reads the status on its own.
     */
    @Test
    void aWaveWhoseLeaseWasTakenOverAfterItsReservationReadsTheStatusOnItsOwn() {
        register(6);
        String releaseId = release(2);
        offers.afterNextWrite(() -> {
            releases.takeOverLease(releaseId);
            releases.requestWave(releaseId);
        });

        assertThat(firstWave(releaseId)).isEqualTo(5);

        assertThat(releases.statusReads()).isEqualTo(1);
        assertThat(offers.ofRelease(releaseId)).allSatisfy(offer -> assertThat(offer.sent()).isTrue());
        assertThat(releases.acquire(releaseId)).as("still the new holder's").isEmpty();
        assertThat(releases.wavePending(releaseId)).as("nor was the new holder's wave request taken").isTrue();
    }

    /** A new release is stored under this instance's lease: its first wave writes nothing to take it. */
    @Test
    void theFirstWaveOfANewReleaseTakesNoLeaseItWasStoredWithIt() {
        register(3);
        String releaseId = release(1);
        int leasesBefore = releases.leaseAttempts();

        assertThat(firstWave(releaseId)).isEqualTo(3);
        assertThat(releases.leaseAttempts()).as("stored leased").isEqualTo(leasesBefore);

        // let go after the wave: the next wave takes the lease as any later one does (and finds no one left)
        assertThat(offering.nextWave(releaseId)).isZero();
        assertThat(releases.leaseAttempts()).isEqualTo(leasesBefore + 1);
    }

    /**
     * The vial clock sweeps every open release every few seconds: one that wants no offer (fully offered, or no
     * eligible candidate left) must cost no lease — with thousands of open releases those leases were most of the
     * service's database writes — and must not use up a wave number.
     */
    @Test
    void theVialClockTakesTheLeaseOnlyForAReleaseThatCouldWantAWave() {
        WatchingVialClock vialClock = new WatchingVialClock(releases, new OffersForReleases(offering, closing), codec,
                metrics, properties, clock);
        register(3);
        String fullyOffered = release(1); // ceil(1 × (1 + 1/16) / 0.5) = 3 offers: all it wants
        String shortOfCandidates = release(2); // wants 5, the other release's 3 candidates are busy
        assertThat(firstWave(fullyOffered)).isEqualTo(3);
        assertThat(firstWave(shortOfCandidates)).isZero();
        int leasesBefore = releases.leaseAttempts();

        vialClock.watch();
        vialClock.watch();
        assertThat(releases.leaseAttempts()).as("neither release could want a wave").isEqualTo(leasesBefore);

        List<String> newcomers = register(2);
        vialClock.watch();
        assertThat(releases.leaseAttempts()).as("only the release short of candidates").isEqualTo(leasesBefore + 1);
        assertThat(offers.ofRelease(shortOfCandidates)).extracting(Offer::candidateId, Offer::wave)
                .containsExactlyInAnyOrder(tuple(newcomers.get(0), 1), tuple(newcomers.get(1), 1));
        assertThat(offers.ofRelease(fullyOffered)).extracting(Offer::wave).containsOnly(1);
        assertThat(releases.find(shortOfCandidates).orElseThrow().wave()).as("numbered by the wave that made offers")
                .isEqualTo(1);
    }

    /**
     * A poll of delivery reports costs one read of its offers and one bulk write of their deliveries, not a read and a
     * write per report; a repeated report is one delivery, a failure ends its offer, other messages are not ours.
     */
    @Test
    void aPollOfDeliveryReportsIsOneReadAndOneWrite() {
        register(6);
        String releaseId = release(2);
        firstWave(releaseId);
        List<Offer> made = offers.ofRelease(releaseId);
        TrackingOfferDelivery tracking = new TrackingOfferDelivery(offers, closing, offering, metrics);
        int readsBefore = offers.reads();
        int writesBefore = offers.writesOfMany();

        tracking.trackAll(List.of(sent(made.get(0)), sent(made.get(1)), sent(made.get(0)), sent(made.get(2)),
                new NotificationSent(UUID.randomUUID(), clock.instant(), "confirmation:x", made.get(3).candidateId(),
                        MessageTemplate.CONFIRMATION, NotificationChannel.SMS, 1)));

        assertThat(offers.reads() - readsBefore).isEqualTo(1);
        assertThat(offers.writesOfMany() - writesBefore).isEqualTo(1);
        assertThat(made.subList(0, 3)).allSatisfy(offer ->
                assertThat(offers.find(offer.id()).orElseThrow().delivered()).isTrue());
        assertThat(offers.find(made.get(3).id()).orElseThrow().delivered()).isFalse();
        assertThat(delivered()).isEqualTo(3.0);

        tracking.trackAll(List.of(sent(made.get(1)), new NotificationFailed(UUID.randomUUID(), clock.instant(),
                "offer:" + made.get(4).id(), made.get(4).candidateId(), MessageTemplate.OFFER, NotificationChannel.SMS,
                3, "retries-exhausted"), sent(made.get(4))));

        assertThat(statusOf(made.get(4))).isEqualTo(OfferStatus.UNDELIVERABLE);
        assertThat(offers.find(made.get(4).id()).orElseThrow().delivered()).as("reported after its failure").isFalse();
        assertThat(delivered()).as("a repeated report is one delivery").isEqualTo(3.0);
    }

    private double delivered() {
        return meters.find("allocation.offers.delivered").counters().stream().mapToDouble(Counter::count).sum();
    }

    private NotificationSent sent(Offer offer) {
        return new NotificationSent(UUID.randomUUID(), clock.instant(), "offer:" + offer.id(), offer.candidateId(),
                MessageTemplate.OFFER, NotificationChannel.SMS, 1);
    }

    @Test
    void anOfferRefusedAsOfferedBeforeFreesItsCandidateAndTheRestOfTheWaveGoesOut() {
        List<String> waiting = register(6);
        String releaseId = release(2);
        // an offer of this release the ledger does not know (a crash between the write and the reservation's retry)
        Offer earlier = Offer.make("earlier", releaseId, waiting.get(1), CENTRE, "COMIRNATY", 0, 0, 6, JUNE,
                JUNE.plus(Duration.ofMinutes(15)), "hash");
        assertThat(offers.addAll(List.of(new Offers.NewOffer(earlier, List.of(), null)))).containsExactly("earlier");

        assertThat(firstWave(releaseId)).isEqualTo(4);

        assertThat(claimOf(waiting.get(1))).isNull();
        assertThat(releases.find(releaseId).orElseThrow().openOffers()).hasSize(4)
                .doesNotContain("earlier");
        assertThat(offers.ofRelease(releaseId)).filteredOn(Offer::sent).extracting(Offer::candidateId)
                .containsExactly(waiting.get(0), waiting.get(2), waiting.get(3), waiting.get(4));
    }

    @Test
    void aYesInTimeIsGrantedADoseAndBecomesTheAppointment() {
        register(6);
        String releaseId = release(2);
        Offer first = firstOfTheFirstWave(releaseId);

        clock.advance(Duration.ofMinutes(5));
        answering.answer(answer(first, OfferAnswered.Answer.ACCEPT));

        assertThat(offers.find(first.id()).orElseThrow().status()).isEqualTo(OfferStatus.CONFIRMED);
        assertThat(releases.find(releaseId).orElseThrow().dosesLeft()).isEqualTo(1);
        assertThat(releases.find(releaseId).orElseThrow().granted(first.id())).isTrue();
        assertThat(candidates.find(first.candidateId()).orElseThrow().appointmentOfferId()).isEqualTo(first.id());
        assertThat(index.find(first.candidateId())).isEmpty();
        assertThat(templates(offers.outbox(first.id()))).containsExactly(MessageTemplate.OFFER,
                MessageTemplate.CONFIRMATION);
        assertThat(types(offers.outbox(first.id()))).contains(OfferConfirmed.TYPE);
    }

    @Test
    void whenTheLastDoseIsGoneTheOtherOpenOffersEndAndALaterYesIsToldTooLate() {
        register(3);
        String releaseId = release(1);
        firstWave(releaseId);
        List<Offer> made = offers.ofRelease(releaseId);
        assertThat(made).hasSize(3);

        answering.answer(answer(made.get(0), OfferAnswered.Answer.ACCEPT));
        answering.answer(answer(made.get(1), OfferAnswered.Answer.ACCEPT));

        assertThat(releases.find(releaseId).orElseThrow().status()).isEqualTo(ReleaseStatus.FILLED);
        assertThat(releases.find(releaseId).orElseThrow().confirmed()).isEqualTo(1);
        assertThat(statusOf(made.get(1))).isEqualTo(OfferStatus.VOID);
        assertThat(statusOf(made.get(2))).isEqualTo(OfferStatus.VOID);
        assertThat(toldAtOnce).extracting(NotificationRequested::candidateId, NotificationRequested::template)
                .containsExactly(tuple(made.get(1).candidateId(), MessageTemplate.TOO_LATE));
        // free again, with their waiting time
        assertThat(claimOf(made.get(1).candidateId())).isNull();
        assertThat(claimOf(made.get(2).candidateId())).isNull();
    }

    @Test
    void aYesRecordedWhileTheLastDoseGoesToSomeoneElseEndsTooLateNotVoid() {
        register(3);
        String releaseId = release(1);
        firstWave(releaseId);
        List<Offer> made = offers.ofRelease(releaseId);
        // the second yes is recorded on its offer, and its grant has not run yet
        assertThat(offers.recordAcceptance(made.get(1).id(), clock.instant())).isTrue();

        answering.answer(answer(made.get(0), OfferAnswered.Answer.ACCEPT));

        assertThat(statusOf(made.get(1))).isEqualTo(OfferStatus.REJECTED_TOO_LATE);
        assertThat(types(offers.outbox(made.get(1).id()))).contains(OfferRejectedTooLate.TYPE);
        assertThat(templates(offers.outbox(made.get(1).id()))).containsExactly(MessageTemplate.OFFER,
                MessageTemplate.TOO_LATE);
        assertThat(statusOf(made.get(2))).isEqualTo(OfferStatus.VOID);
        // a yes, though too late: the acceptance rate counts it
        assertThat(releases.find(releaseId).orElseThrow().accepted()).isEqualTo(2);
    }

    @Test
    void aYesAfterTheDeadlineExpiresTheOfferAndIsToldTooLate() {
        register(6);
        String releaseId = release(2);
        Offer first = firstOfTheFirstWave(releaseId);

        clock.set(first.answerDeadline().plusSeconds(1));
        answering.answer(answer(first, OfferAnswered.Answer.ACCEPT));

        assertThat(statusOf(first)).isEqualTo(OfferStatus.EXPIRED);
        assertThat(releases.find(releaseId).orElseThrow().dosesLeft()).isEqualTo(2);
        assertThat(toldAtOnce).extracting(NotificationRequested::template).containsExactly(MessageTemplate.TOO_LATE);
        assertThat(claimOf(first.candidateId())).isNull();
    }

    @Test
    void theSweepHonoursAYesGivenInTimeWhoseGrantHadNotRunYet() {
        register(6);
        String releaseId = release(2);
        Offer first = firstOfTheFirstWave(releaseId);
        assertThat(offers.recordAcceptance(first.id(), first.answerDeadline().minusSeconds(1))).isTrue();

        clock.set(first.answerDeadline().plusSeconds(1));
        expiring.expireOverdueOffers();

        assertThat(statusOf(first)).isEqualTo(OfferStatus.CONFIRMED);
        assertThat(offers.ofRelease(releaseId).stream().filter(offer -> !offer.id().equals(first.id())
                && offer.madeAt().equals(first.madeAt())).map(Offer::status))
                .containsOnly(OfferStatus.EXPIRED);
        assertThat(releases.find(releaseId).orElseThrow().confirmed()).isEqualTo(1);
    }

    @Test
    void aCandidateNeverHoldsTwoOpenOffersAcrossReleases() {
        List<String> waiting = register(3);
        String first = release(1);
        String second = release(1);
        firstWave(first);
        assertThat(firstWave(second)).isZero(); // everyone holds an offer of the first

        Offer declined = offers.ofRelease(first).get(0);
        answering.answer(answer(declined, OfferAnswered.Answer.DECLINE));
        offering.nextWave(second);

        assertThat(offers.ofRelease(second)).extracting(Offer::candidateId).containsExactly(declined.candidateId());
        Map<String, Long> openPerCandidate = offers.all().stream().filter(Offer::isOpen)
                .collect(Collectors.groupingBy(Offer::candidateId, Collectors.counting()));
        assertThat(openPerCandidate.keySet()).containsExactlyInAnyOrderElementsOf(waiting);
        assertThat(openPerCandidate.values()).containsOnly(1L);
        assertThat(releases.find(first).orElseThrow().answered()).isEqualTo(1);
    }

    /** Verified candidates at the centre, registered a minute apart in the order returned. */
    private List<String> register(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "c" + i + "-" + UUID.randomUUID();
            Candidate candidate = new Candidate(id, LocalDate.of(1950, 1, 1), PriorityGroup.GENERAL, List.of(CENTRE),
                    20, Instant.parse("2021-03-01T00:00:00Z").plusSeconds(60L * i), true, false, false, null, null,
                    null, null, null);
            candidates.put(candidate);
            index.put(candidate.toPoolCandidate());
            ids.add(id);
        }
        return ids;
    }

    private String release(int doses) {
        String releaseId = "r-" + UUID.randomUUID();
        Instant now = clock.instant();
        created.put(releaseId, releases.create(new DosesReleased(UUID.randomUUID(), now, releaseId, CENTRE,
                "COMIRNATY", doses, new AppointmentWindow(now, now.plus(Duration.ofHours(4))),
                now.plus(Duration.ofHours(6))), now).orElseThrow());
        return releaseId;
    }

    /** The first wave of a release of {@link #release}, under the lease it was stored with. */
    private int firstWave(String releaseId) {
        return offering.firstWave(created.remove(releaseId), System.nanoTime());
    }

    /** The first offer of the release's first wave, which wrote it and requested its message. */
    private Offer firstOfTheFirstWave(String releaseId) {
        firstWave(releaseId);
        return offers.ofRelease(releaseId).get(0);
    }

    /** The first wave, killed after writing its offers and before requesting their messages; returns the offers. */
    private List<Offer> waveKilledBeforeItsMessages(String releaseId) {
        offers.killBeforeNextMessageRequest();
        assertThatThrownBy(() -> firstWave(releaseId))
                .isInstanceOf(IllegalStateException.class);
        return offers.ofRelease(releaseId);
    }

    private OfferAnswered answer(Offer offer, OfferAnswered.Answer answer) {
        return new OfferAnswered(UUID.randomUUID(), clock.instant(), offer.id(), offer.releaseId(),
                offer.candidateId(), answer);
    }

    private OfferStatus statusOf(Offer offer) {
        return offers.find(offer.id()).orElseThrow().status();
    }

    private String claimOf(String candidateId) {
        return candidates.find(candidateId).orElseThrow().claim();
    }

    private static List<String> types(List<PendingEvent> outbox) {
        return outbox.stream().map(PendingEvent::type).toList();
    }

    private List<MessageTemplate> templates(List<PendingEvent> outbox) {
        return outbox.stream().filter(event -> event.type().equals(NotificationRequested.TYPE))
                .map(event -> codec.decode(event.payload(), NotificationRequested.class).template())
                .sorted(Comparator.comparing(Enum::ordinal)).toList();
    }
}
