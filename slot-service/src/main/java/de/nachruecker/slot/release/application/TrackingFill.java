package de.nachruecker.slot.release.application;

import de.nachruecker.events.offer.DosesAtRisk;
import de.nachruecker.events.offer.DosesExpired;
import de.nachruecker.events.offer.OfferCancelled;
import de.nachruecker.events.offer.OfferConfirmed;
import de.nachruecker.events.offer.OfferDeclined;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.events.offer.OfferExpired;
import de.nachruecker.events.offer.OfferMade;
import de.nachruecker.events.offer.OfferRejectedTooLate;
import de.nachruecker.events.offer.ReleaseFilled;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Follows how a release fills from the allocation service's offer events, so operators see offers out, answers and
 * the confirmed appointments. Idempotent by event id: a redelivered event changes nothing.
 */
@Service
public class TrackingFill {

    private static final Logger log = LoggerFactory.getLogger(TrackingFill.class);

    private final ReleaseStore store;

    public TrackingFill(ReleaseStore store) {
        this.store = store;
    }

    /** The events of one poll, in their order (see {@link ReleaseStore#trackAll}). */
    public void onAll(List<OfferEvent> events) {
        ReleaseStore.TrackedBatch tracked = store.trackAll(events.stream().map(event -> new ReleaseStore.TrackedChange(
                event.releaseId(), event.eventId().toString(), changeOf(event))).toList());
        log.debug("{} of {} offer events tracked", tracked.applied(), events.size());
        events.stream().filter(event -> tracked.unknownReleaseIds().contains(event.releaseId())).forEach(event ->
                log.warn("release {} of event {} is not known here, ignored", event.releaseId(), event.eventId()));
        long skipped = events.stream().filter(event -> !tracked.unknownReleaseIds().contains(event.releaseId()))
                .count() - tracked.applied();
        if (skipped > 0) {
            log.info("{} of {} offer events seen before or outdated, ignored", skipped, events.size());
        }
    }

    private static FillChange changeOf(OfferEvent event) {
        if (event instanceof OfferMade) {
            return FillChange.offerMade();
        } else if (event instanceof OfferConfirmed confirmed) {
            return FillChange.offerConfirmed(Appointment.confirmed(confirmed.offerId(), confirmed.candidateId(),
                    new TimeWindow(confirmed.windowFrom(), confirmed.windowTo()), confirmed.reference()));
        } else if (event instanceof OfferCancelled cancelled) {
            return FillChange.appointmentCancelled(cancelled.offerId(), cancelled.occurredAt());
        } else if (event instanceof OfferDeclined) {
            return FillChange.offerDeclined();
        } else if (event instanceof OfferExpired) {
            return FillChange.offerExpired();
        } else if (event instanceof OfferRejectedTooLate) {
            return FillChange.acceptedTooLate();
        } else if (event instanceof ReleaseFilled filled) {
            return FillChange.releaseFilled(filled.doseCount());
        } else if (event instanceof DosesAtRisk atRisk) {
            return FillChange.dosesAtRisk(atRisk.dosesLeft());
        } else if (event instanceof DosesExpired expired) {
            return FillChange.dosesExpired(expired.dosesExpired());
        }
        throw new IllegalArgumentException("unknown offer event " + event.getClass().getName());
    }
}
