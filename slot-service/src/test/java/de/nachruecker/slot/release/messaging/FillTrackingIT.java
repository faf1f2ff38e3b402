package de.nachruecker.slot.release.messaging;

import de.nachruecker.events.offer.DosesAtRisk;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferCancelled;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.slot.release.application.FillChange;
import de.nachruecker.slot.release.application.ReleaseStore;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.TimeWindow;
import de.nachruecker.slot.testing.OfferEventSender;
import de.nachruecker.slot.testing.SlotServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static de.nachruecker.slot.testing.OfferEventSender.confirmed;
import static org.assertj.core.api.Assertions.assertThat;
import static de.nachruecker.slot.testing.OfferEventSender.made;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The allocation service's offer events, sent onto the real {@code offers} topic, show up in the release's fill and
 * appointments; redelivered events (same event id) and a second confirmation of an offer change nothing.
 */
class FillTrackingIT extends SlotServiceTestBase {

    @Autowired
    private ReleaseStore releases;

    @Test
    void offerEventsFillTheReleaseOnceEach() throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", 3);
        try (OfferEventSender offers = offers()) {
            OfferEvent madeA = offers.send(made(releaseId, "offer-a", "cand-a"));
            offers.send(made(releaseId, "offer-b", "cand-b"));
            offers.send(made(releaseId, "offer-c", "cand-c"));
            offers.send(made(releaseId, "offer-d", "cand-d"));
            offers.send(made(releaseId, "offer-e", "cand-e"));
            OfferEvent confirmedA = offers.send(confirmed(releaseId, "offer-a", "cand-a"));
            offers.send(new OfferDeclined(UUID.randomUUID(), Instant.now(), releaseId, "offer-b", "cand-b"));
            offers.send(new OfferExpired(UUID.randomUUID(), Instant.now(), releaseId, "offer-c", "cand-c",
                    OfferExpired.Reason.DEADLINE_PASSED));
            offers.send(new OfferRejectedTooLate(UUID.randomUUID(), Instant.now(), releaseId, "offer-d", "cand-d"));
            offers.send(new DosesAtRisk(UUID.randomUUID(), Instant.now(), releaseId, "korbach", "COMIRNATY", 2,
                    Instant.now().plus(Duration.ofHours(1))));

            awaitFill(releaseId, "dosesAtRisk", 2);
            fill(releaseId)
                    .andExpect(jsonPath("$.fill.offered").value(5))
                    .andExpect(jsonPath("$.fill.open").value(1))
                    .andExpect(jsonPath("$.fill.confirmed").value(1))
                    .andExpect(jsonPath("$.fill.declined").value(1))
                    .andExpect(jsonPath("$.fill.expired").value(1))
                    .andExpect(jsonPath("$.fill.tooLate").value(1))
                    .andExpect(jsonPath("$.fill.filled").value(false));
            mvc.perform(get("/api/releases/{id}/appointments", releaseId).with(httpBasic("ops", PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].offerId", contains("offer-a")))
                    .andExpect(jsonPath("$[0].reference").value(AppointmentReference.of("offer-a")))
                    .andExpect(jsonPath("$[0].arrival").doesNotExist())
                    .andExpect(jsonPath("$[0].candidateId").doesNotExist());

            // redeliveries, and the same offer confirmed again under a new event id
            offers.send(madeA);
            offers.send(confirmedA);
            offers.send(confirmed(releaseId, "offer-a", "cand-a"));
            offers.send(confirmed(releaseId, "offer-e", "cand-e"));
            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), releaseId, "korbach", 3, 2));
            offers.send(new DosesExpired(UUID.randomUUID(), Instant.now(), releaseId, "korbach", "COMIRNATY", 1));

            awaitFill(releaseId, "dosesExpired", 1);
            fill(releaseId)
                    .andExpect(jsonPath("$.fill.offered").value(5))
                    .andExpect(jsonPath("$.fill.open").value(0))
                    .andExpect(jsonPath("$.fill.confirmed").value(2))
                    .andExpect(jsonPath("$.fill.filled").value(true));
            mvc.perform(get("/api/releases/{id}/appointments", releaseId).with(httpBasic("ops", PASSWORD)))
                    .andExpect(jsonPath("$[*].offerId", contains("offer-a", "offer-e")));
        }
    }

    @Test
    void aCancelledAppointmentIsShownCancelledOnceAndTakesNoArrival() throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", 1);
        try (OfferEventSender offers = offers()) {
            offers.send(made(releaseId, "offer-a", "cand-a"));
            offers.send(confirmed(releaseId, "offer-a", "cand-a"));
            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), releaseId, "korbach", 1, 1));
            awaitFilled(releaseId, true);
            OfferEvent cancelled = offers.send(new OfferCancelled(UUID.randomUUID(), Instant.now(), releaseId,
                    "offer-a", "cand-a", "korbach", AppointmentReference.of("offer-a")));
            offers.send(cancelled); // redelivered

            awaitFill(releaseId, "cancelled", 1);
            fill(releaseId).andExpect(jsonPath("$.fill.confirmed").value(1))
                    .andExpect(jsonPath("$.fill.filled").value(false));
            mvc.perform(get("/api/releases/{id}/appointments", releaseId).with(httpBasic("ops", PASSWORD)))
                    .andExpect(jsonPath("$[0].reference").value(AppointmentReference.of("offer-a")))
                    .andExpect(jsonPath("$[0].cancelledAt").exists())
                    .andExpect(jsonPath("$[0].arrival").doesNotExist());
            mvc.perform(post("/api/releases/{id}/appointments/{offerId}/arrival", releaseId, "offer-a")
                            .with(httpBasic("operator-korbach", PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"outcome\": \"MISSED\"}"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.title").value("Appointment cancelled"));
            assertThat(releases.find(releaseId).orElseThrow().fill().cancelled()).isEqualTo(1);
        }
    }

    @Test
    void anEventOfAnUnknownReleaseIsSkippedAndLaterEventsStillCount() throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", 1);
        try (OfferEventSender offers = offers()) {
            offers.send(made("no-such-release", "offer-x", "cand-x"));
            offers.send(made(releaseId, "offer-y", "cand-y"));
            awaitFill(releaseId, "offered", 1);
        }
    }

    @Test
    void theStoreTellsARedeliveredEventFromOneOfAnUnknownRelease() throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", 1);
        FillChange offered = new FillChange(true, false, false, false, null, null, null, null);
        assertThat(releases.track(releaseId, "event-1", offered)).isEqualTo(ReleaseStore.Tracking.APPLIED);
        assertThat(releases.track(releaseId, "event-1", offered)).isEqualTo(ReleaseStore.Tracking.DUPLICATE);
        assertThat(releases.track("no-such-release", "event-2", offered))
                .isEqualTo(ReleaseStore.Tracking.UNKNOWN_RELEASE);
        awaitFill(releaseId, "offered", 1);
    }

    /**
     * A poll's events in one ordered bulk write count as they would one by one: a repeat within the poll and one
     * tracked before change nothing, an event of an unknown release is named, a cancellation amid them applies in
     * its place (after the confirmation it cancels, which the same poll carries).
     */
    @Test
    void aPollsEventsCountAsTheyWouldOneByOne() throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", 2);
        FillChange offered = new FillChange(true, false, false, false, null, null, null, null);
        FillChange declined = new FillChange(false, true, false, false, null, null, null, null);
        assertThat(releases.track(releaseId, "event-0", offered)).isEqualTo(ReleaseStore.Tracking.APPLIED);
        Instant now = Instant.now();
        FillChange confirmedA = new FillChange(false, false, false, false, Appointment.confirmed("offer-a", "cand-a",
                new TimeWindow(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))),
                AppointmentReference.of("offer-a")), null, null, null);
        FillChange cancelledA = new FillChange(false, false, false, false, null, null, null, null,
                new FillChange.Cancellation("offer-a", now));

        ReleaseStore.TrackedBatch batch = releases.trackAll(List.of(
                new ReleaseStore.TrackedChange(releaseId, "event-0", offered),
                new ReleaseStore.TrackedChange(releaseId, "event-1", offered),
                new ReleaseStore.TrackedChange(releaseId, "event-1", offered),
                new ReleaseStore.TrackedChange("no-such-release", "event-2", offered),
                new ReleaseStore.TrackedChange(releaseId, "event-3", confirmedA),
                new ReleaseStore.TrackedChange(releaseId, "event-4", cancelledA),
                new ReleaseStore.TrackedChange(releaseId, "event-5", declined)));

        assertThat(batch).isEqualTo(new ReleaseStore.TrackedBatch(4, Set.of("no-such-release")));
        fill(releaseId)
                .andExpect(jsonPath("$.fill.offered").value(2))
                .andExpect(jsonPath("$.fill.declined").value(1))
                .andExpect(jsonPath("$.fill.cancelled").value(1));
    }

    /**
     * A fill ends when the operator raises the dose count, since the allocation service opens the release again for
     * the new doses; a fill it reported before it saw the raise arrives too late to count. A correction that keeps the
     * count keeps the fill.
     */
    @Test
    void raisingTheDoseCountEndsTheFillUntilTheReleaseFillsAgain() throws Exception {
        String releaseId = publishRelease("operator-korbach", "korbach", 1);
        try (OfferEventSender offers = offers()) {
            offers.send(confirmed(releaseId, "offer-a", "cand-a"));
            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), releaseId, "korbach", 1, 1));
            awaitFilled(releaseId, true);

            correct(releaseId, 3).andExpect(jsonPath("$.fill.filled").value(false));
            fill(releaseId).andExpect(jsonPath("$.fill.filled").value(false));

            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), releaseId, "korbach", 1, 1));
            offers.send(made(releaseId, "offer-b", "cand-b"));
            awaitFill(releaseId, "offered", 1); // the late fill came before it, on the same partition
            fill(releaseId).andExpect(jsonPath("$.fill.filled").value(false));

            offers.send(confirmed(releaseId, "offer-b", "cand-b"));
            offers.send(confirmed(releaseId, "offer-c", "cand-c"));
            offers.send(new ReleaseFilled(UUID.randomUUID(), Instant.now(), releaseId, "korbach", 3, 3));
            awaitFilled(releaseId, true);
            correct(releaseId, 3).andExpect(jsonPath("$.fill.filled").value(true));
            fill(releaseId).andExpect(jsonPath("$.fill.filled").value(true));
        }
    }

    /** Corrects the release to {@code doseCount} doses as its centre's operator, window and usable-until kept. */
    private ResultActions correct(String releaseId, int doseCount) throws Exception {
        Release release = releases.find(releaseId).orElseThrow();
        return mvc.perform(put("/api/releases/{id}", releaseId).with(httpBasic("operator-korbach", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"doseCount": %d, "window": {"from": "%s", "to": "%s"}, "usableUntil": "%s"}"""
                                .formatted(doseCount, release.window().from(), release.window().to(),
                                        release.usableUntil())))
                .andExpect(status().isOk());
    }

    private void awaitFilled(String releaseId, boolean filled) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                fill(releaseId).andExpect(jsonPath("$.fill.filled").value(filled)));
    }

    private ResultActions fill(String releaseId) throws Exception {
        return mvc.perform(get("/api/releases/{id}", releaseId).with(httpBasic("operator-korbach", PASSWORD)))
                .andExpect(status().isOk());
    }

    private void awaitFill(String releaseId, String counter, int value) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                fill(releaseId).andExpect(jsonPath("$.fill." + counter).value(value)));
    }
}
