package de.nachruecker.slot.release.web;

import de.nachruecker.slot.release.application.RecordingArrival;
import de.nachruecker.slot.release.web.ReleaseApi.AppointmentResponse;
import de.nachruecker.slot.release.web.ReleaseApi.ArrivalRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/releases/{id}/appointments")
@Tag(name = "Appointments", description = "Confirmed appointments of a release and what became of them")
class AppointmentController {

    private final ReleaseAccess access;
    private final RecordingArrival recording;

    AppointmentController(ReleaseAccess access, RecordingArrival recording) {
        this.access = access;
        this.recording = recording;
    }

    @GetMapping
    @Operation(summary = "List the confirmed appointments of a release", description = "In the order confirmed")
    @ApiResponse(responseCode = "403", description = "The release belongs to a centre the user may not read")
    @ApiResponse(responseCode = "404", description = "No such release")
    List<AppointmentResponse> list(@PathVariable String id) {
        return access.readable(id).fill().appointments().stream().map(AppointmentResponse::of).toList();
    }

    @PostMapping("/{offerId}/arrival")
    @Operation(summary = "Record that the candidate was vaccinated or did not come",
            description = "Once per appointment. Publishes CandidateVaccinated.v1 or CandidateMissedAppointment.v1 "
                    + "on arrivals (key: release id); after a no-show the allocation service may offer the dose "
                    + "again.")
    @ApiResponse(responseCode = "400", description = "No or an unknown outcome")
    @ApiResponse(responseCode = "403", description = "The release belongs to a centre the user may not change")
    @ApiResponse(responseCode = "404", description = "No such release, or no confirmed appointment for that offer")
    @ApiResponse(responseCode = "409", description = "An arrival was recorded for this appointment before")
    AppointmentResponse recordArrival(@PathVariable String id, @PathVariable String offerId,
                                      @Valid @RequestBody ArrivalRequest request) {
        access.writable(id);
        return AppointmentResponse.of(recording.record(id, offerId, request.outcome()));
    }
}
