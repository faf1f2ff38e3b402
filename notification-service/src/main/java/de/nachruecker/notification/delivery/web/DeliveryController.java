package de.nachruecker.notification.delivery.web;

import de.nachruecker.notification.delivery.application.Deliveries;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of deliveries, for operators and the other services' tests. */
@RestController
@RequestMapping("/api/deliveries")
class DeliveryController {

    private final Deliveries deliveries;

    DeliveryController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/{notificationId}")
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
