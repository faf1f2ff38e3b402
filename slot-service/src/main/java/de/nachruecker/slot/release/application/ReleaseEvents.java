package de.nachruecker.slot.release.application;

import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseCorrected;
import de.nachruecker.events.release.ReleaseWithdrawn;
import de.nachruecker.slot.release.model.Release;

import java.util.UUID;

/** Turns release states into the events of the dose-releases topic; the event time is when the change happened. */
final class ReleaseEvents {

    private ReleaseEvents() {
    }

    static DosesReleased released(Release release) {
        return new DosesReleased(UUID.randomUUID(), release.updatedAt(), release.id(), release.centreId(),
                release.product(), release.doseCount(), window(release), release.usableUntil());
    }

    static ReleaseCorrected corrected(Release release) {
        return new ReleaseCorrected(UUID.randomUUID(), release.updatedAt(), release.id(), release.centreId(),
                release.doseCount(), window(release), release.usableUntil());
    }

    static ReleaseWithdrawn withdrawn(Release release) {
        return new ReleaseWithdrawn(UUID.randomUUID(), release.updatedAt(), release.id(), release.centreId(),
                release.withdrawalReason());
    }

    private static AppointmentWindow window(Release release) {
        return new AppointmentWindow(release.window().from(), release.window().to());
    }
}
