package de.nachruecker.allocation.it;

import de.nachruecker.allocation.AllocationProperties;
import de.nachruecker.allocation.offer.application.ReleasingOrphanClaims;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.offer.persistence.OfferStore;
import de.nachruecker.allocation.pool.persistence.CandidateDocument;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.offer.DosesAtRisk;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseCorrected;
import de.nachruecker.events.release.ReleaseWithdrawn;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

class ReleaseLifecycleIT extends AllocationIntegrationTest {

    @Autowired
    MeterRegistry meters;
    @Autowired
    OfferStore offerStore;
    @Autowired
    AllocationProperties properties;
    @Autowired
    MongoCommands commands;

    /** Stored leased to this instance (its first wave follows at once); any instance takes it once let go. */
    @Test
    void aNewReleaseIsStoredUnderThisInstancesLease() {
        Instant now = clock.instant();
        String releaseId = "r-" + UUID.randomUUID();
        ReleaseLedger created = releaseStore.create(new DosesReleased(UUID.randomUUID(), now, releaseId, "korbach",
                "COMIRNATY", 1, new AppointmentWindow(now, now.plus(Duration.ofHours(4))),
                now.plus(Duration.ofHours(6))), now).orElseThrow();

        ReleaseDocument stored = mongo.findById(releaseId, ReleaseDocument.class);
        assertThat(stored.leaseOwner()).isEqualTo(releaseLeases.owner());
        assertThat(stored.leaseUntil()).isAfter(now);
        assertThat(created.status()).isEqualTo(ReleaseStatus.OPEN);
        assertThat(releaseLeases.acquire(releaseId)).as("held").isEmpty();
        assertThat(releaseStore.create(new DosesReleased(UUID.randomUUID(), now, releaseId, "korbach", "COMIRNATY", 1,
                new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(Duration.ofHours(6))), now))
                .as("a redelivered release is not stored again").isEmpty();
        releaseLeases.release(releaseId);
        assertThat(releaseLeases.acquire(releaseId)).isPresent();
    }

    @Test
    void dosesAtRiskNearUsableUntilThenRecordedAsExpired() {
        register(2, PriorityGroup.GENERAL);
        String releaseId = release(4, Duration.ofMinutes(50));
        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId).size() == 2);

        clock.advance(Duration.ofMinutes(25)); // 25 min left, inside at-risk-before (30 min)
        expiring.expireOverdueOffers();
        vialClock.watch();
        vialClock.watch(); // reported once only
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(DosesAtRisk.class, Set.of(releaseId))).singleElement()
                        .extracting(DosesAtRisk::dosesLeft).isEqualTo(4));
        assertThat(meters.get("allocation.doses.at-risk").tag("centre", centre).tag("product", "COMIRNATY").gauge()
                .value()).isEqualTo(4.0);

        clock.advance(Duration.ofMinutes(26));
        vialClock.watch();
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.EXPIRED);
        assertThat(offers(releaseId, OfferStatus.MADE)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(DosesExpired.class, Set.of(releaseId))).singleElement()
                        .extracting(DosesExpired::dosesExpired).isEqualTo(4));
        assertThat(meters.get("allocation.doses.expired").tag("centre", centre).counter().count()).isEqualTo(4.0);
        assertThat(meters.get("allocation.doses.at-risk").tag("centre", centre).gauge().value()).isZero();
    }

    @Test
    void aReleaseIsCountedAndTimedFromReleaseToFirstOfferAndToFill() {
        register(3, PriorityGroup.GENERAL);
        long firstOffers = meters.get("allocation.release.first-offer.latency").timer().count();
        long fills = meters.get("allocation.release.fill.duration").timer().count();
        String releaseId = releasedWithOffers(1, 3);
        clock.advance(Duration.ofMinutes(4));
        answering.answer(answer(offers(releaseId).get(0), OfferAnswered.Answer.ACCEPT));

        assertThat(meters.get("allocation.doses.released").tag("centre", centre).tag("product", "COMIRNATY")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get("allocation.offers.made").tag("centre", centre).counter().count()).isEqualTo(3.0);
        assertThat(meters.get("allocation.offers.confirmed").tag("centre", centre).counter().count()).isEqualTo(1.0);
        assertThat(meters.get("allocation.release.first-offer.latency").timer().count()).isEqualTo(firstOffers + 1);
        assertThat(meters.get("allocation.release.fill.duration").timer().count()).isEqualTo(fills + 1);
        assertThat(meters.get("allocation.release.fill.duration").timer().max(TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(240.0);
        // catalogue centres are there from the start, at zero
        assertThat(meters.get("allocation.doses.released").tag("centre", "korbach").tag("product", "SPIKEVAX")
                .counter().count()).isZero();
    }

    /** The orphan sweep frees a claim whose offer was never written (a crash in between), and only such a claim. */
    @Test
    void theOrphanSweepFreesOnlyAClaimWithoutItsOffer() {
        List<String> candidates = register(3, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);
        String orphan = candidates.get(0);
        mongo.updateFirst(Query.query(where("_id").is(orphan)),
                new Update().set("claim", "never-written").set("activeOfferId", "never-written"),
                CandidateDocument.class);

        clock.advance(Duration.ofMinutes(3));
        newOrphanSweep().releaseOrphanClaims();

        assertThat(candidateStore.find(orphan).orElseThrow().claim()).isNull();
        assertThat(candidates.subList(1, 3)).allSatisfy(id ->
                assertThat(candidateStore.find(id).orElseThrow().claim()).isNotNull());
    }

    /**
     * After its first sweep, the orphan sweep reads only claims made since its last cutoff (less the overlap): claims
     * whose offers it found are not looked up again, and a claim that landed late, stamped inside the overlap, is.
     */
    @Test
    void theOrphanSweepLooksUpEachClaimOnceAndStillFreesALateOrphanInsideTheOverlap() {
        List<String> candidates = register(4, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);
        List<String> offerIds = offers(releaseId).stream().map(OfferDocument::id).toList();
        // the relay's reads of the offers name them too: let it finish before counting
        await().atMost(Duration.ofSeconds(10)).until(() -> offers(releaseId).stream()
                .allMatch(offer -> offer.outbox().isEmpty()));
        ReleasingOrphanClaims sweep = newOrphanSweep();
        commands.clear();

        clock.advance(Duration.ofMinutes(3)); // cutoff: 1 min after the claims
        sweep.releaseOrphanClaims();
        assertThat(commands.naming("offers", "find", offerIds)).as("the first sweep reads every claim").hasSize(1);

        // a claim stamped before that cutoff that only landed now, and whose wave died before writing its offer
        String lateOrphan = candidates.stream().filter(id -> candidateStore.find(id).orElseThrow().claim() == null)
                .findFirst().orElseThrow();
        mongo.updateFirst(Query.query(where("_id").is(lateOrphan)), new Update().set("claim", "late-orphan")
                        .set("activeOfferId", "late-orphan").set("claimReleaseId", releaseId)
                        .set("claimedAt", clock.instant().minus(Duration.ofMinutes(2)).minus(
                                properties.orphanSweepOverlap().dividedBy(2))),
                CandidateDocument.class);
        commands.clear();

        clock.advance(Duration.ofMinutes(1));
        sweep.releaseOrphanClaims();

        assertThat(commands.naming("offers", "find", offerIds)).as("claims already found with their offers").isEmpty();
        assertThat(commands.naming("offers", "find", List.of("late-orphan"))).hasSize(1);
        assertThat(candidateStore.find(lateOrphan).orElseThrow().claim()).isNull();
        assertThat(candidates).filteredOn(id -> !id.equals(lateOrphan)).allSatisfy(id ->
                assertThat(candidateStore.find(id).orElseThrow().claim()).isIn(offerIds));
    }

    /** A sweep of its own: the context's keeps its watermark from test to test, and every test starts at JUNE. */
    private ReleasingOrphanClaims newOrphanSweep() {
        return new ReleasingOrphanClaims(candidateStore, offerStore, releaseStore, properties, clock);
    }

    @Test
    void aWithdrawnReleaseVoidsItsOffersAndFreesTheCandidates() {
        List<String> candidates = register(3, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);

        publisher.publish(Topics.DOSE_RELEASES, new ReleaseWithdrawn(UUID.randomUUID(), clock.instant(), releaseId,
                centre, "vial broke"));

        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId, OfferStatus.VOID).size() == 3);
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.WITHDRAWN);
        assertThat(candidates).allSatisfy(id ->
                assertThat(candidateStore.find(id).orElseThrow().claim()).isNull());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(OfferExpired.class, Set.of(releaseId)))
                        .hasSize(3).allMatch(e -> e.reason() == OfferExpired.Reason.RELEASE_WITHDRAWN));
    }

    /**
     * Two doses, three offers, one yes: a correction down to one dose leaves none, so the release fills and its two
     * open offers are voided as when the last dose is confirmed — reported (RELEASE_FILLED) and their candidates free.
     */
    @Test
    void aCorrectionThatLeavesNoDoseFillsTheReleaseAndVoidsItsOpenOffers() {
        List<String> candidates = register(3, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(2, 3);
        OfferDocument accepted = offers(releaseId).get(0);
        answering.answer(answer(accepted, OfferAnswered.Answer.ACCEPT));
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.OPEN);
        List<String> open = offers(releaseId, OfferStatus.MADE).stream().map(OfferDocument::id).toList();
        assertThat(open).hasSize(2);

        Instant now = clock.instant();
        publisher.publish(Topics.DOSE_RELEASES, new ReleaseCorrected(UUID.randomUUID(), now, releaseId, centre, 1,
                new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(Duration.ofHours(6))));

        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId, OfferStatus.VOID).size() == 2);
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);
        assertThat(releaseDoc(releaseId).openOffers()).isEmpty();
        assertThat(releaseDoc(releaseId).confirmed()).isEqualTo(1);
        assertThat(statusOf(accepted)).isEqualTo(OfferStatus.CONFIRMED);
        assertThat(candidates).filteredOn(id -> !id.equals(accepted.candidateId())).allSatisfy(id ->
                assertThat(candidateStore.find(id).orElseThrow().claim()).isNull());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(OfferExpired.class, Set.of(releaseId)))
                        .extracting(OfferExpired::offerId, OfferExpired::reason)
                        .containsExactlyInAnyOrder(open.stream().map(id ->
                                tuple(id, OfferExpired.Reason.RELEASE_FILLED)).toArray(Tuple[]::new)));
        assertThat(meters.get("allocation.offers.void").tag("centre", centre).counter().count()).isEqualTo(2.0);
    }

    /**
     * A correction that fills the release reports it as the last confirmation does, on the same topic and once: not
     * when the correction leaves doses, not again when it is redelivered, nor for a filled release corrected again.
     */
    @Test
    void aCorrectionThatFillsTheReleaseReportsTheFillOnce() {
        register(3, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(3, 3);
        answering.answer(answer(offers(releaseId).get(0), OfferAnswered.Answer.ACCEPT));
        Instant now = clock.instant();
        AppointmentWindow window = new AppointmentWindow(now, now.plus(Duration.ofHours(4)));
        Instant usableUntil = now.plus(Duration.ofHours(6));

        publisher.publish(Topics.DOSE_RELEASES, new ReleaseCorrected(UUID.randomUUID(), now, releaseId, centre, 2,
                window, usableUntil));
        await().atMost(Duration.ofSeconds(15)).until(() -> releaseDoc(releaseId).doseCount() == 2);
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.OPEN);

        ReleaseCorrected down = new ReleaseCorrected(UUID.randomUUID(), now, releaseId, centre, 1, window,
                usableUntil);
        publisher.publish(Topics.DOSE_RELEASES, down);
        publisher.publish(Topics.DOSE_RELEASES, down);
        AppointmentWindow shorter = new AppointmentWindow(now, now.plus(Duration.ofHours(3)));
        publisher.publish(Topics.DOSE_RELEASES, new ReleaseCorrected(UUID.randomUUID(), now, releaseId, centre, 1,
                shorter, usableUntil));
        // keyed by centre, so applied in the order sent: the last one applied means all three were
        await().atMost(Duration.ofSeconds(15)).until(() -> releaseDoc(releaseId).windowTo().equals(shorter.to()));
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(events(ReleaseFilled.class, Set.of(releaseId))).isNotEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(events(ReleaseFilled.class, Set.of(releaseId))).singleElement()
                        .extracting(ReleaseFilled::releaseId, ReleaseFilled::centreId, ReleaseFilled::doseCount,
                                ReleaseFilled::confirmed)
                        .containsExactly(releaseId, centre, 1, 1));
    }

    @Test
    void aCorrectionRaisingTheDoseCountSendsMoreOffers() {
        register(10, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);
        OfferDocument first = offers(releaseId).get(0);
        answering.answer(answer(first, OfferAnswered.Answer.ACCEPT));
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);

        Instant now = clock.instant();
        publisher.publish(Topics.DOSE_RELEASES, new ReleaseCorrected(UUID.randomUUID(), now, releaseId, centre, 3,
                new AppointmentWindow(now, now.plus(Duration.ofHours(4))), now.plus(Duration.ofHours(6))));

        await().atMost(Duration.ofSeconds(15)).until(() -> offers(releaseId, OfferStatus.MADE).size() >= 2);
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.OPEN);
        assertThat(releaseDoc(releaseId).dosesLeft()).isEqualTo(2);
        assertThat(releaseDoc(releaseId).confirmed()).isEqualTo(1);
    }
}
