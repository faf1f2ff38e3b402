package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.application.ReleaseStore;
import de.nachruecker.slot.release.model.Appointment;
import de.nachruecker.slot.release.model.Arrival;
import de.nachruecker.slot.release.model.Fill;
import de.nachruecker.slot.release.model.Release;
import de.nachruecker.slot.release.model.ReleaseCorrection;
import de.nachruecker.slot.release.model.ReleaseDraft;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.model.TimeWindow;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The request and response bodies of {@code /api/releases}. Instants are kept to the millisecond, the precision the
 * store keeps, so that what a client sent compares equal to what it reads back.
 */
final class ReleaseApi {

    private ReleaseApi() {
    }

    @Schema(description = "When freed appointments can be taken: arrive no earlier than from, no later than to")
    record WindowBody(
            @Schema(description = "Start of the appointment window", example = "2021-05-03T14:00:00Z")
            @NotNull Instant from,
            @Schema(description = "End of the appointment window, after from and in the future",
                    example = "2021-05-03T16:00:00Z")
            @NotNull Instant to) {

        TimeWindow toWindow() {
            return new TimeWindow(millis(from), millis(to));
        }

        static WindowBody of(TimeWindow window) {
            return new WindowBody(window.from(), window.to());
        }
    }

    @Schema(description = "Freed doses to publish. Give exactly one of usableUntil and vialOpenedAt.")
    record PublishRequest(
            @Schema(description = "Centre id from the centre catalogue", example = "korbach") @NotBlank
            String centreId,
            @Schema(description = "Product code from GET /api/vaccines", example = "COMIRNATY") @NotBlank
            String product,
            @Schema(description = "Number of free doses, 1 to nachruecker.slot.max-dose-count", example = "5")
            @NotNull Integer doseCount,
            @Valid @NotNull WindowBody window,
            @Schema(description = "When the last dose must be given; not before the window starts, in the future",
                    example = "2021-05-03T17:30:00Z")
            Instant usableUntil,
            @Schema(description = "When the vial was opened; usableUntil is then derived from the product's "
                    + "in-use time", example = "2021-05-03T12:00:00Z")
            Instant vialOpenedAt) {

        ReleaseDraft toDraft() {
            return new ReleaseDraft(centreId, product, doseCount, window.toWindow(), millis(usableUntil),
                    millis(vialOpenedAt));
        }
    }

    @Schema(description = "Corrected values of a published release; centre and product cannot change")
    record CorrectionRequest(
            @Schema(description = "Optional; if given, must be the release's centre") String centreId,
            @Schema(description = "Optional; if given, must be the release's product") String product,
            @Schema(description = "Number of free doses", example = "4") @NotNull Integer doseCount,
            @Valid @NotNull WindowBody window,
            @Schema(description = "When the last dose must be given", example = "2021-05-03T17:30:00Z") @NotNull
            Instant usableUntil) {

        ReleaseCorrection toCorrection() {
            return new ReleaseCorrection(centreId, product, doseCount, window.toWindow(), millis(usableUntil));
        }
    }

    @Schema(description = "Why the release is withdrawn (shown to operators, not to candidates)")
    record WithdrawalRequest(
            @Schema(description = "Reason", example = "vial dropped") @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "A release of freed doses")
    record ReleaseResponse(
            @Schema(description = "Release id") String id,
            @Schema(description = "Centre id") String centreId,
            @Schema(description = "Product code") String product,
            @Schema(description = "Number of free doses") int doseCount,
            WindowBody window,
            @Schema(description = "When the last dose must be given (derived from vialOpenedAt if that was given)")
            Instant usableUntil,
            @Schema(description = "When the vial was opened, if given instead of usableUntil") Instant vialOpenedAt,
            @Schema(description = "PUBLISHED or WITHDRAWN: what the operator did; whether the doses went out "
                    + "or ran out is in fill (filled, dosesExpired)") ReleaseStatus status,
            @Schema(description = "When it was published") Instant publishedAt,
            @Schema(description = "When it last changed") Instant updatedAt,
            @Schema(description = "Why it was withdrawn") String withdrawalReason,
            @Schema(description = "How the release fills, from the allocation service's offer events") FillBody fill) {

        static ReleaseResponse of(Release release) {
            return new ReleaseResponse(release.id(), release.centreId(), release.product(), release.doseCount(),
                    WindowBody.of(release.window()), release.usableUntil(), release.vialOpenedAt(), release.status(),
                    release.publishedAt(), release.updatedAt(), release.withdrawalReason(),
                    new FillBody(release.fill()));
        }
    }

    @Schema(description = "How a release fills; counts offers, not people")
    record FillBody(
            @Schema(description = "Offers made") int offered,
            @Schema(description = "Offers waiting for an answer") int open,
            @Schema(description = "Offers accepted in time: confirmed appointments") int confirmed,
            @Schema(description = "Offers declined") int declined,
            @Schema(description = "Offers that ended unanswered or were closed") int expired,
            @Schema(description = "Acceptances that came after every dose was taken") int tooLate,
            @Schema(description = "Confirmed candidates recorded as vaccinated") int vaccinated,
            @Schema(description = "Confirmed candidates recorded as not having come") int missed,
            @Schema(description = "Confirmed appointments the candidate cancelled (the dose went back to the release)")
            int cancelled,
            @Schema(description = "Every dose is confirmed") boolean filled,
            @Schema(description = "Doses still unconfirmed when usable-until drew near, 0 if never at risk")
            int dosesAtRisk,
            @Schema(description = "Doses unconfirmed when usable-until passed: wasted") int dosesExpired) {

        FillBody(Fill fill) {
            this(fill.offered(), fill.open(), fill.confirmed(), fill.declined(), fill.expired(), fill.tooLate(),
                    fill.arrivals(Arrival.VACCINATED), fill.arrivals(Arrival.MISSED), fill.cancelled(), fill.filled(),
                    fill.dosesAtRisk(), fill.dosesExpired());
        }
    }

    @Schema(description = "A dose confirmed to a candidate. No personal data: the operator identifies the person by "
            + "the reference and their ID document.")
    record AppointmentResponse(
            @Schema(description = "The offer's id") String offerId,
            @Schema(description = "Short reference the citizen holds (status page, confirmation page, SMS, email), "
                    + "as the confirmation event carried it: the first 40 bits of SHA-256 of the offer id in "
                    + "Crockford base32 (no I, L, O, U), as XXXX-XXXX", example = "7K3M-Q9XA") String reference,
            WindowBody window,
            @Schema(description = "VACCINATED or MISSED once the operator recorded it, absent before")
            Arrival arrival,
            @Schema(description = "When the operator recorded it") Instant recordedAt,
            @Schema(description = "When the candidate cancelled the appointment (its dose went back to the "
                    + "release; no arrival can be recorded), absent unless cancelled") Instant cancelledAt) {

        static AppointmentResponse of(Appointment appointment) {
            return new AppointmentResponse(appointment.offerId(), appointment.reference(),
                    WindowBody.of(appointment.window()), appointment.arrival(), appointment.recordedAt(),
                    appointment.cancelledAt());
        }
    }

    @Schema(description = "What became of a confirmed appointment")
    record ArrivalRequest(
            @Schema(description = "VACCINATED: the candidate came and was vaccinated; MISSED: did not come")
            @NotNull Arrival outcome) {
    }

    @Schema(description = "One page of releases, newest first")
    record ReleasePageResponse(List<ReleaseResponse> items,
                               @Schema(description = "Page number, from 0") int page,
                               @Schema(description = "Page size") int size,
                               @Schema(description = "Releases matching the filter") long totalElements,
                               @Schema(description = "Pages matching the filter") long totalPages) {

        static ReleasePageResponse of(ReleaseStore.ReleasePage page) {
            return new ReleasePageResponse(page.releases().stream().map(ReleaseResponse::of).toList(), page.page(),
                    page.size(), page.total(), (page.total() + page.size() - 1) / page.size());
        }
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
