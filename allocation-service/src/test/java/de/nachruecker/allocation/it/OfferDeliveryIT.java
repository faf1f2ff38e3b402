package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.TrackingOfferDelivery;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationChannel;
import de.nachruecker.events.notification.NotificationFailed;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.events.offer.OfferAnswered;
import de.nachruecker.events.offer.OfferExpired;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery reports of offer messages (notification-status) against the offers: an undeliverable offer ends at once
 * and its place is offered again; only offers whose message was delivered count as answered when they expire.
 */
class OfferDeliveryIT extends AllocationIntegrationTest {

    @Autowired
    TrackingOfferDelivery tracking;
    @Autowired
    MeterRegistry meters;

    @Test
    void anUndeliverableOfferEndsAtOnceWithoutCountingAndItsPlaceGoesToTheNextCandidate() {
        List<String> candidates = register(6, PriorityGroup.GENERAL);
        // ceil(1 × (1 + 1/16) / 0.5) = 3 offers
        String releaseId = releasedWithOffers(1, 3);
        OfferDocument unreachable = byRank(releaseId).get(0);

        publisher.publish(Topics.NOTIFICATION_STATUS, failed(unreachable));

        await().atMost(Duration.ofSeconds(15)).until(() ->
                offers(releaseId, OfferStatus.UNDELIVERABLE).size() == 1 && offers(releaseId).size() == 4);
        assertThat(offers(releaseId, OfferStatus.UNDELIVERABLE)).extracting(OfferDocument::id)
                .containsExactly(unreachable.id());
        // it says nothing about acceptance: p stays at the prior, so the wave only refills the freed place
        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(release.answered()).isZero();
        assertThat(release.openOffers()).hasSize(3).doesNotContain(unreachable.id());
        assertThat(offers(releaseId, OfferStatus.MADE)).filteredOn(offer -> offer.wave() == 2)
                .extracting(OfferDocument::candidateId).containsExactly(candidates.get(3));
        assertThat(candidateStore.find(unreachable.candidateId()).orElseThrow().activeOfferId()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> events(OfferExpired.class, Set.of(releaseId)).stream()
                .anyMatch(expired -> expired.offerId().equals(unreachable.id())
                        && expired.reason() == OfferExpired.Reason.UNDELIVERABLE));
        assertThat(counter("allocation.offers.undeliverable")).isEqualTo(1);

        // the same report again (redelivery) and a late "sent" change nothing
        tracking.track(failed(unreachable));
        tracking.track(sent(unreachable));
        assertThat(offers(releaseId)).hasSize(4);
        assertThat(releaseDoc(releaseId).answered()).isZero();
        assertThat(mongo.findById(unreachable.id(), OfferDocument.class).deliveredAt()).isNull();
        // a report naming an offer that does not exist (or another candidate) is ignored
        tracking.track(new NotificationFailed(UUID.randomUUID(), clock.instant(), "offer:no-such-offer",
                unreachable.candidateId(), MessageTemplate.OFFER, null, 0, "no-contact"));
        assertThat(offers(releaseId)).hasSize(4);
    }

    @Test
    void onlyDeliveredOffersCountAsAnsweredWhenTheyExpire() {
        register(24, PriorityGroup.GENERAL);
        // ceil(3 × (1 + 1/16) / 0.5) = 7 offers
        String releaseId = releasedWithOffers(3, 7);
        List<OfferDocument> first = byRank(releaseId);
        List<OfferDocument> delivered = first.subList(0, 4);
        delivered.forEach(offer -> publisher.publish(Topics.NOTIFICATION_STATUS, sent(offer)));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                offers(releaseId).stream().filter(offer -> offer.deliveredAt() != null).count() == 4);
        assertThat(offers(releaseId)).filteredOn(offer -> offer.deliveredAt() != null)
                .extracting(OfferDocument::id).containsExactlyInAnyOrderElementsOf(ids(delivered));
        // a repeated report is one delivery
        tracking.track(sent(delivered.get(0)));
        assertThat(counter("allocation.offers.delivered")).isEqualTo(4);

        clock.advance(Duration.ofMinutes(16));
        expiring.expireOverdueOffers();

        ReleaseDocument release = releaseDoc(releaseId);
        assertThat(offers(releaseId, OfferStatus.EXPIRED)).hasSize(7);
        assertThat(release.answered()).isEqualTo(4);
        assertThat(release.accepted()).isZero();
        assertThat(counter("allocation.offers.expired-undelivered")).isEqualTo(3);
        // p = (0 + 0.5 × 4) / (4 + 4) = 0.25, 14 rounds left: ceil(3 × (1 + 1/14) / 0.25) = 13 offers open again
        // (counting all seven expiries would give 18; counting none 7)
        assertThat(offers(releaseId, OfferStatus.MADE)).hasSize(13).allMatch(offer -> offer.wave() == 2);
        assertThat(release.openOffers()).hasSize(13);

        // delivery reported after the offer expired: ignored, the count was decided at the expiry
        OfferDocument undelivered = first.get(6);
        tracking.track(sent(undelivered));
        assertThat(mongo.findById(undelivered.id(), OfferDocument.class).deliveredAt()).isNull();
        assertThat(releaseDoc(releaseId).answered()).isEqualTo(4);
        assertThat(releaseDoc(releaseId).openOffers()).hasSize(13);
    }

    @Test
    void aTooLateMessageNamesTheAppointmentItWasTooLateFor() {
        register(3, PriorityGroup.GENERAL);
        String releaseId = releasedWithOffers(1, 3);
        List<OfferDocument> offers = byRank(releaseId);
        answering.answer(answer(offers.get(0), OfferAnswered.Answer.ACCEPT));
        assertThat(releaseDoc(releaseId).status()).isEqualTo(ReleaseStatus.FILLED);

        answering.answer(answer(offers.get(1), OfferAnswered.Answer.ACCEPT));

        ReleaseDocument release = releaseDoc(releaseId);
        await().atMost(Duration.ofSeconds(10)).until(() -> events(NotificationRequested.class,
                Set.of(offers.get(1).candidateId())).stream().anyMatch(m -> m.template() == MessageTemplate.TOO_LATE));
        NotificationRequested tooLate = events(NotificationRequested.class, Set.of(offers.get(1).candidateId()))
                .stream().filter(m -> m.template() == MessageTemplate.TOO_LATE).findFirst().orElseThrow();
        assertThat(tooLate.notificationId()).isEqualTo("too-late:" + offers.get(1).id());
        assertThat(tooLate.parameters()).containsEntry("product", "COMIRNATY")
                .containsEntry("windowFrom", release.windowFrom().toString())
                .containsEntry("windowTo", release.windowTo().toString())
                .containsEntry("centreName", centre)
                .containsEntry("offerId", offers.get(1).id());
    }

    @Test
    void aMalformedDeliveryReportGoesToTheDeadLetters() {
        deadLettered(Topics.NOTIFICATION_STATUS, "offer:x", NotificationSent.TYPE, () -> null);
    }

    private List<OfferDocument> byRank(String releaseId) {
        return offers(releaseId).stream().sorted(Comparator.comparing(OfferDocument::rank)).toList();
    }

    private NotificationSent sent(OfferDocument offer) {
        return new NotificationSent(UUID.randomUUID(), clock.instant(), "offer:" + offer.id(), offer.candidateId(),
                MessageTemplate.OFFER, NotificationChannel.SMS, 1);
    }

    private NotificationFailed failed(OfferDocument offer) {
        return new NotificationFailed(UUID.randomUUID(), clock.instant(), "offer:" + offer.id(), offer.candidateId(),
                MessageTemplate.OFFER, NotificationChannel.SMS, 3, "retries-exhausted");
    }

    private double counter(String name) {
        return meters.get(name).tag("centre", centre).counter().count();
    }

    private static List<String> ids(List<OfferDocument> offers) {
        return offers.stream().map(OfferDocument::id).toList();
    }
}
