package de.nachruecker.allocation.it;

import de.nachruecker.allocation.offer.application.OfferingDoses;
import de.nachruecker.allocation.offer.application.RecoveringUnannouncedOffers;
import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.OfferStatus;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.release.model.ReleaseStatus;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.support.outbox.PendingEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An allocation instance killed between writing a wave's offers and requesting their messages, reproduced
 * deterministically: the test throws on the wave's thread right after the offer documents are written, so the wave
 * stops there as a kill -9 would stop it. The fault suite once found a release at 0 of 10 doses whose 22 offers stayed
 * open, told to nobody, past its ten-minute bound (an offer's deadline is 15 minutes away).
 */
class UnannouncedOfferIT extends AllocationIntegrationTest {

    @Autowired
    OfferingDoses offering;
    @Autowired
    RecoveringUnannouncedOffers recovering;

    @Test
    void anOfferWrittenByAWaveThatDiedIsAnnouncedOnceAfterTheGracePeriodWithTheTokenItWasMadeWith() {
        register(3, PriorityGroup.GENERAL);
        String releaseId = storedRelease(1);
        List<OfferDocument> stranded = waveDiesAfterWritingItsOffers(releaseId);
        assertThat(stranded).isNotEmpty().allSatisfy(offer -> {
            assertThat(offer.status()).isEqualTo(OfferStatus.MADE);
            assertThat(offer.unsent()).isTrue();
            assertThat(offer.message()).isNotNull();
        });
        assertThat(recovering.announceOrVoid()).as("within the grace period: its wave may still be at it").isZero();

        clock.advance(Duration.ofSeconds(31));
        assertThat(recovering.announceOrVoid()).isEqualTo(stranded.size());
        assertThat(recovering.announceOrVoid()).as("again, or the other instance: nothing more").isZero();

        for (OfferDocument offer : stranded) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(messages(offer.candidateId(), MessageTemplate.OFFER)).hasSize(1));
            NotificationRequested message = messages(offer.candidateId(), MessageTemplate.OFFER).get(0);
            String token = messageSecrets.open(message.eventId().toString(), message.secrets()).orElseThrow()
                    .get("answerToken");
            assertThat(AnswerToken.hashOf(token)).as("the token whose hash OfferMade published")
                    .isEqualTo(offer.answerTokenHash());
            OfferDocument now = mongo.findById(offer.id(), OfferDocument.class);
            assertThat(now.status()).isEqualTo(OfferStatus.MADE);
            assertThat(now.unsent()).isNull();
            assertThat(now.message()).isNull();
        }
    }

    @Test
    void anUnannouncedOfferOfAReleaseThatEndedBeforeItsWriteIsVoidedWithoutAMessage() {
        List<String> candidates = register(3, PriorityGroup.GENERAL);
        String releaseId = storedRelease(1);
        List<OfferDocument> stranded = waveDiesAfterWritingItsOffers(releaseId);
        // ended without voiding them, as when it ends between the wave's reservation and its write
        assertThat(releaseStore.finish(releaseId, ReleaseStatus.WITHDRAWN, List.of())).isTrue();

        clock.advance(Duration.ofSeconds(31));
        assertThat(recovering.announceOrVoid()).isZero();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                events(OfferExpired.class, List.of(releaseId))).hasSameSizeAs(stranded));
        assertThat(events(OfferExpired.class, List.of(releaseId))).extracting(OfferExpired::reason)
                .containsOnly(OfferExpired.Reason.RELEASE_WITHDRAWN);
        for (OfferDocument offer : stranded) {
            OfferDocument now = mongo.findById(offer.id(), OfferDocument.class);
            assertThat(now.status()).isEqualTo(OfferStatus.VOID);
            assertThat(now.message()).isNull();
            assertThat(now.outbox()).extracting(PendingEvent::type).doesNotContain(NotificationRequested.TYPE);
            assertThat(candidateStore.find(offer.candidateId()).orElseThrow().activeOfferId()).isNull();
        }
        assertThat(events(NotificationRequested.class, candidates)).isEmpty();
        assertThat(releaseDoc(releaseId).openOffers()).isEmpty();
    }

    /** Runs a wave that dies right after its offers are written; returns them as stored. */
    private List<OfferDocument> waveDiesAfterWritingItsOffers(String releaseId) {
        Thread wave = Thread.currentThread();
        withMongoHook(new AbstractMongoEventListener<OfferDocument>() {
            @Override
            public void onAfterSave(AfterSaveEvent<OfferDocument> event) {
                if (wave == Thread.currentThread() && event.getSource().releaseId().equals(releaseId)) {
                    throw new Killed();
                }
            }
        }, () -> assertThatThrownBy(() -> offering.nextWave(releaseId)).isInstanceOf(Killed.class));
        return offers(releaseId);
    }

    /** What a kill -9 is to the wave's thread: it goes no further. */
    private static final class Killed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed after the offers were written");
        }
    }
}
