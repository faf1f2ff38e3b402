package de.nachruecker.notification.delivery.web;

import de.nachruecker.notification.delivery.application.Deliveries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of deliveries, for ops and admins (see SecurityConfiguration). */
@RestController
@RequestMapping("/api/deliveries")
@Tag(name = "Deliveries", description = "Where a notification stands; staff with role OPS or ADMIN only "
        + "(HTTP Basic or bearer token)")
class DeliveryController {

    private final Deliveries deliveries;

    DeliveryController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/{notificationId}")
    @Operation(summary = "Status of one notification",
            description = "State, channel, attempts and times of the notification with this id (the id the "
                    + "requesting service chose); never the message or its parameters. 404 problem detail if no "
                    + "such notification was requested, 401 without and 403 with other staff credentials.")
    ResponseEntity<?> delivery(@PathVariable String notificationId) {
        return deliveries.find(notificationId)
                .<ResponseEntity<?>>map(d -> ResponseEntity.ok(DeliveryView.of(d)))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                            "No notification " + notificationId + " has been requested.");
                    problem.setTitle("Unknown notification");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
                });
    }
}
