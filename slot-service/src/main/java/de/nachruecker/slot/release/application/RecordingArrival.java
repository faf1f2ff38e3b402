package de.nachruecker.slot.release.application;

import de.nachruecker.events.arrival.ArrivalEvent;
import de.nachruecker.events.arrival.CandidateMissedAppointment;
import de.nachruecker.events.arrival.CandidateVaccinated;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * An operator records whether the candidate of a confirmed appointment was vaccinated or did not come. Recorded once:
 * the store writes it only while nothing is recorded, together with the event for the allocation service.
 */
@Service
public class RecordingArrival {

    private static final Logger log = LoggerFactory.getLogger(RecordingArrival.class);

    private final ReleaseStore store;
    private final ReleaseMetrics metrics;
    private final Clock clock;

    public RecordingArrival(ReleaseStore store, ReleaseMetrics metrics, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @throws ReleaseNotFoundException if there is no such release
     * @throws de.nachruecker.slot.release.model.AppointmentNotFoundException if the release has no such appointment
     * @throws de.nachruecker.slot.release.model.ArrivalAlreadyRecordedException if it was recorded before
     */
    public Appointment record(String releaseId, String offerId, Arrival outcome) {
        Instant now = clock.instant();
        // a second record loses the race to the first at the store; reading again then reports the first
        for (int attempt = 0; attempt < 2; attempt++) {
            Release release = store.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
            Appointment recorded = release.recordArrival(offerId, outcome, now);
            if (store.recordArrival(releaseId, recorded, event(release, recorded))) {
                metrics.arrival(release, outcome);
                log.info("release {}: appointment {} recorded as {}", releaseId, recorded.reference(), outcome);
                return recorded;
            }
        }
        throw new ConcurrentChangeException(releaseId);
    }

    private static ArrivalEvent event(Release release, Appointment appointment) {
        return switch (appointment.arrival()) {
            case VACCINATED -> new CandidateVaccinated(UUID.randomUUID(), appointment.recordedAt(), release.id(),
                    appointment.offerId(), appointment.candidateId(), release.centreId());
            case MISSED -> new CandidateMissedAppointment(UUID.randomUUID(), appointment.recordedAt(), release.id(),
                    appointment.offerId(), appointment.candidateId(), release.centreId());
        };
    }
}
