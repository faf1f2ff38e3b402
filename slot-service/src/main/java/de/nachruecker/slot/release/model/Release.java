package de.nachruecker.slot.release.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Doses a centre freed and offers to standby candidates. Immutable: every change yields the next state with a higher
 * {@code version}, which the store uses to apply it only to the state it was derived from.
 *
 * @param usableUntil      when the last dose must be given, as given or derived from {@code vialOpenedAt}
 * @param vialOpenedAt     when the vial was opened, if the operator gave that instead of usable-until
 * @param withdrawalReason why the operator withdrew it; {@code null} while published
 */
public record Release(String id, String centreId, String product, int doseCount, TimeWindow window,
                      Instant usableUntil, Instant vialOpenedAt, ReleaseStatus status, Instant publishedAt,
                      Instant updatedAt, String withdrawalReason, Fill fill, long version) {

    public Release {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(centreId, "centreId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(usableUntil, "usableUntil");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(fill, "fill");
    }

    static Release publish(String id, ReleaseDraft draft, Instant usableUntil, Instant now) {
        return new Release(id, draft.centreId(), draft.product(), draft.doseCount(), draft.window(), usableUntil,
                draft.vialOpenedAt(), ReleaseStatus.PUBLISHED, now, now, null, Fill.NONE, 0);
    }

    /**
     * The stage at {@code now}: withdrawn, else filled (also after usable-until: the doses went out), else expired once
     * usable-until passed or doses were reported wasted, else published.
     */
    public ReleaseStage stage(Instant now) {
        if (status == ReleaseStatus.WITHDRAWN) {
            return ReleaseStage.WITHDRAWN;
        }
        if (fill.filled()) {
            return ReleaseStage.FILLED;
        }
        if (fill.dosesExpired() > 0 || !now.isBefore(usableUntil)) {
            return ReleaseStage.EXPIRED;
        }
        return ReleaseStage.PUBLISHED;
    }

    /** Fails with {@link ReleaseNotOpenException} unless the release can still be changed. */
    public void requireOpen() {
        if (status != ReleaseStatus.PUBLISHED) {
            throw new ReleaseNotOpenException(id, status);
        }
    }

    /**
     * The vial clock no longer applies once the operator states usable-until explicitly. A raised count is not filled
     * (the allocation service offers the new doses); a lower or equal one leaves the fill as reported.
     */
    Release correct(ReleaseCorrection correction, Instant now) {
        requireOpen();
        Fill corrected = correction.doseCount() > doseCount ? fill.reopened() : fill;
        return new Release(id, centreId, product, correction.doseCount(), correction.window(),
                correction.usableUntil(), null, status, publishedAt, now, null, corrected, version + 1);
    }

    /**
     * The confirmed appointment {@code offerId} with the operator's record of it; allowed on a withdrawn release too,
     * since its confirmed candidates may still come.
     *
     * @throws AppointmentNotFoundException    if no offer of this release was confirmed under that id
     * @throws ArrivalAlreadyRecordedException if the arrival was recorded before
     */
    public Appointment recordArrival(String offerId, Arrival outcome, Instant now) {
        return fill.appointment(offerId).orElseThrow(() -> new AppointmentNotFoundException(id, offerId))
                .record(outcome, now);
    }

    public Release withdraw(String reason, Instant now) {
        requireOpen();
        return new Release(id, centreId, product, doseCount, window, usableUntil, vialOpenedAt,
                ReleaseStatus.WITHDRAWN, publishedAt, now, reason, fill, version + 1);
    }
}
