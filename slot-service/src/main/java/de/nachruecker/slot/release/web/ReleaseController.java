package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.application.CorrectingRelease;
import de.nachruecker.slot.release.application.PublishingRelease;
import de.nachruecker.slot.release.application.ReadingReleases;
import de.nachruecker.slot.release.application.WithdrawingRelease;
import de.nachruecker.slot.release.model.ReleaseStatus;
import de.nachruecker.slot.release.web.ReleaseApi.CorrectionRequest;
import de.nachruecker.slot.release.web.ReleaseApi.PublishRequest;
import de.nachruecker.slot.release.web.ReleaseApi.ReleasePageResponse;
import de.nachruecker.slot.release.web.ReleaseApi.ReleaseResponse;
import de.nachruecker.slot.release.web.ReleaseApi.WithdrawalRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/releases")
@Tag(name = "Releases", description = "Centre operators publish, correct and withdraw freed doses. Staff only "
        + "(HTTP Basic or a bearer JWT); operators act for their own centres, ops read all, admins do all.")
class ReleaseController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final PublishingRelease publishing;
    private final CorrectingRelease correcting;
    private final WithdrawingRelease withdrawing;
    private final ReadingReleases reading;
    private final ReleaseAccess access;

    ReleaseController(PublishingRelease publishing, CorrectingRelease correcting, WithdrawingRelease withdrawing,
                      ReadingReleases reading, ReleaseAccess access) {
        this.publishing = publishing;
        this.correcting = correcting;
        this.withdrawing = withdrawing;
        this.reading = reading;
        this.access = access;
    }

    @PostMapping
    @Operation(summary = "Publish freed doses",
            description = "Stores the release and publishes DosesReleased.v1 on dose-releases (key: centre id). "
                    + "With vialOpenedAt, usableUntil is derived from the product's in-use time.")
    @ApiResponse(responseCode = "201", description = "Published")
    @ApiResponse(responseCode = "200", description = "Idempotency-Key seen before: the release published then, "
            + "header Idempotent-Replayed: true, nothing published again")
    @ApiResponse(responseCode = "400", description = "Invalid input, with field errors; nothing stored or published")
    @ApiResponse(responseCode = "403", description = "The user may not publish for this centre")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key used before for a different release")
    ResponseEntity<ReleaseResponse> publish(
            @Parameter(description = "Any unique string per intended release (e.g. a UUID); a retry with the same "
                    + "key returns the first release instead of publishing twice")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 200) String idempotencyKey,
            @Valid @RequestBody PublishRequest request) {
        access.checkPublish(request.centreId());
        PublishingRelease.Publication publication = publishing.publish(request.toDraft(), idempotencyKey);
        ReleaseResponse body = ReleaseResponse.of(publication.release());
        if (publication.replayed()) {
            return ResponseEntity.ok().header(REPLAYED, "true").body(body);
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(body.id()).toUri()).body(body);
    }

    @GetMapping
    @Operation(summary = "List releases", description = "Newest first, of the centres the user may read (operators: "
            + "their own; ops and admins: all), optionally filtered by centre and status")
    @ApiResponse(responseCode = "403", description = "The user may not read the centre asked for")
    ReleasePageResponse list(
            @Parameter(description = "Only releases of this centre") @RequestParam(required = false) String centreId,
            @Parameter(description = "Only releases in this status") @RequestParam(required = false)
            ReleaseStatus status,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "Page size, 1 to 100") @RequestParam(defaultValue = "20") @Min(1) @Max(100)
            int size) {
        return ReleasePageResponse.of(reading.list(access.readableCentres(centreId), status, page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a release")
    @ApiResponse(responseCode = "403", description = "The release belongs to a centre the user may not read")
    @ApiResponse(responseCode = "404", description = "No such release")
    ReleaseResponse get(@PathVariable String id) {
        return ReleaseResponse.of(access.readable(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Correct a release",
            description = "Replaces dose count, window and usable-until and publishes ReleaseCorrected.v1. "
                    + "Centre and product cannot change.")
    @ApiResponse(responseCode = "400", description = "Invalid input, with field errors; nothing changed")
    @ApiResponse(responseCode = "403", description = "The release belongs to a centre the user may not change")
    @ApiResponse(responseCode = "404", description = "No such release")
    @ApiResponse(responseCode = "409", description = "The release was withdrawn and cannot be corrected")
    ReleaseResponse correct(@PathVariable String id, @Valid @RequestBody CorrectionRequest request) {
        access.writable(id);
        return ReleaseResponse.of(correcting.correct(id, request.toCorrection()));
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "Withdraw a release",
            description = "No further offers go out for it; publishes ReleaseWithdrawn.v1")
    @ApiResponse(responseCode = "403", description = "The release belongs to a centre the user may not change")
    @ApiResponse(responseCode = "404", description = "No such release")
    @ApiResponse(responseCode = "409", description = "Already withdrawn")
    ReleaseResponse withdraw(@PathVariable String id, @Valid @RequestBody WithdrawalRequest request) {
        access.writable(id);
        return ReleaseResponse.of(withdrawing.withdraw(id, request.reason()));
    }
}
